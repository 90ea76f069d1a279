package policies

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-sec/rampart/analysis/awsiam"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func awsFacts(s *snapshot.Snapshot) map[string]any { return map[string]any{"aws": awsiam.Facts(s)} }

// The facts computed in Go reach the controls through the engine: a user
// writing a policy onto itself (${aws:username}) fails escalation, an
// admin fails the admin control, a read-only user passes both, and
// without the analysis the controls are ERROR, never PASS.
func TestAnalysisReachesPolicies(t *testing.T) {
	doc := func(s string) json.RawMessage {
		return json.RawMessage(`{"Version":"2012-10-17","Statement":[` + s + `]}`)
	}
	user := func(name, stmt string) snapshot.IAMUser {
		return snapshot.IAMUser{Name: name, ARN: "arn:aws:iam::111111111111:user/" + name, Groups: []string{}, AttachedPolicies: []snapshot.AttachedPolicy{},
			InlinePolicies: []snapshot.InlinePolicy{{Name: "p", Document: doc(stmt)}}, CredentialReport: true, MFADevices: []snapshot.MFADevice{}}
	}
	s := &snapshot.Snapshot{Schema: snapshot.Schema, Source: snapshot.SourceAPI, AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{{
		AccountID: "111111111111", Partition: "aws", Groups: []snapshot.IAMGroup{}, Roles: []snapshot.IAMRole{}, Policies: []snapshot.ManagedPolicy{},
		Users: []snapshot.IAMUser{
			user("self", `{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::*:user/${aws:username}"}`),
			user("boss", `{"Effect":"Allow","Action":"*","Resource":"*"}`),
			user("reader", `{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}`),
		},
	}}}}
	controls := []string{"aws-privilege-escalation", "aws-admin-policy-attached", "aws-privileged-user-hardware-mfa"}
	statuses := func(a Analysis) map[string]string {
		e, err := New(context.Background(), Options{Config: defaultConfig(), Controls: controls, Analysis: a})
		if err != nil {
			t.Fatal(err)
		}
		in, err := NewInput(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := e.Evaluate(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rs {
			out[r.Control+" "+r.Resource[len("arn:aws:iam::111111111111:"):]] = string(r.Status)
		}
		return out
	}
	got := statuses(awsFacts)
	want := map[string]string{
		"aws-privilege-escalation user/self":         "FAIL",
		"aws-privilege-escalation user/reader":       "PASS",
		"aws-admin-policy-attached user/self":        "PASS",
		"aws-admin-policy-attached user/boss":        "FAIL",
		"aws-admin-policy-attached user/reader":      "PASS",
		"aws-privileged-user-hardware-mfa user/boss": "FAIL",
	}
	if len(got) != len(want) {
		t.Errorf("got %d results, want %d: %v", len(got), len(want), got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for k, v := range statuses(nil) {
		if v != string(results.Error) {
			t.Errorf("without the analysis, %s: %s, want ERROR", k, v)
		}
	}
}

// The facts' conversion gives exactly OPA's own, sharing or not.
func TestFactsValue(t *testing.T) {
	m := map[string]any{
		"principals": map[string]any{"111": map[string]any{
			"arn:a": map[string]any{"kind": "user", "admin": true, "notes": []any{}, "escalation": nil, "n": 3, "f": 1.5,
				"steps": []any{map[string]any{"from": "x", "to": "y", "actions": "iam:PassRole"}}, "typed": []string{"a", "b"}},
			"arn:b": map[string]any{"kind": "user", "admin": false, "notes": []any{"a long note that is longer than the interned strings are"}, "escalation": nil},
		}},
		"notes": []any{},
	}
	got, err := factsValue(m)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(m)
	if err != nil {
		t.Fatal(err)
	}
	if got.Compare(want) != 0 {
		t.Errorf("got %v, want %v", got, want)
	}
}

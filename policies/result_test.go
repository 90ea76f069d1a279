package policies

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// A policy's result objects are read straight from OPA's terms: each
// malformed one is refused with what was expected.
func TestResultFromTerm(t *testing.T) {
	c := &Control{Control: results.Control{ID: "x-test", Severity: results.High}}
	for _, tc := range []struct {
		term, want string
	}{
		{`"FAIL"`, "each element of `results` must be an object, found string"},
		{`{"resource": "r", "message": "m"}`, `missing "status"`},
		{`{"status": "FAIL", "message": "m"}`, `missing "resource"`},
		{`{"status": "FAIL", "resource": "r"}`, `missing "message"`},
		{`{"status": "FAIL", "resource": 1, "message": "m"}`, `"resource" must be a string`},
		{`{"status": "FAIL", "resource": "r", "message": "m", "region": null}`, `"region" must be a string`},
		{`{"status": "WAIVED", "resource": "r", "message": "m"}`, `status "WAIVED": expected FAIL, PASS or ERROR`},
		{`{"status": "PASS", "resource": "", "message": "m"}`, "empty resource"},
		{`{"status": "PASS", "resource": "r", "message": "m", "evidence": [1]}`, "evidence must be an object"},
	} {
		_, err := c.result(ast.MustParseTerm(tc.term), &evidenceMaps{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.term, err, tc.want)
		}
	}
}

// Results with equal evidence share one map (read-only by contract),
// results with different evidence do not, and every field is carried over.
func TestResultEvidenceShared(t *testing.T) {
	c := &Control{Control: results.Control{ID: "x-test", Severity: results.High}}
	var ev evidenceMaps
	read := func(term string) results.Result {
		t.Helper()
		r, err := c.result(ast.MustParseTerm(term), &ev)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := read(`{"status": "FAIL", "account": "1", "region": "eu", "resource": "a", "resource_type": "T", "message": "m", "evidence": {"k": [1, "x"]}}`)
	b := read(`{"status": "PASS", "resource": "b", "message": "n", "evidence": {"k": [1, "x"]}}`)
	d := read(`{"status": "PASS", "resource": "d", "message": "n", "evidence": {"k": [2]}}`)
	if a.Status != results.Fail || a.Account != "1" || a.Region != "eu" || a.Resource != "a" || a.ResourceType != "T" || a.Message != "m" || a.ID == "" {
		t.Errorf("fields not carried over: %+v", a)
	}
	a.Evidence["probe"] = true
	if b.Evidence["probe"] != true {
		t.Error("equal evidence should be one shared map")
	}
	if d.Evidence["probe"] == true {
		t.Error("different evidence must not share a map")
	}
}

// A control may give its results as a list: it means what the set of its
// elements means, so a result two comprehensions both emit is reported
// once, and the list and the set forms report the same.
func TestResultsAsAList(t *testing.T) {
	body := `
user_results := [r |
	some account in input.aws.accounts
	some user in account.users
	r := {"status": "PASS", "account": account.account_id, "resource": user.arn, "message": "seen", "evidence": {"n": 1}}
]
`
	dir := userDir(t, map[string]string{
		"list.rego": controlHeader("custom-list", "rampart.custom.list") + body + "\nresults := array.concat(user_results, user_results)\n",
		"set.rego":  controlHeader("custom-set", "rampart.custom.set") + body + "\nresults contains r if some r in user_results\n",
	})
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Controls: []string{"custom-list", "custom-set"}})
	s := &snapshot.Snapshot{Schema: snapshot.Schema, Source: snapshot.SourceAPI, AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{{
		AccountID: "111111111111", Partition: "aws", Users: []snapshot.IAMUser{
			{Name: "a", ARN: "arn:aws:iam::111111111111:user/a"}, {Name: "b", ARN: "arn:aws:iam::111111111111:user/b"},
		}}}}}
	in, err := NewInput(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := e.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rs {
		got[r.Control] = append(got[r.Control], r.Resource)
	}
	want := []string{"arn:aws:iam::111111111111:user/a", "arn:aws:iam::111111111111:user/b"}
	for _, id := range []string{"custom-list", "custom-set"} {
		if !slices.Equal(got[id], want) {
			t.Errorf("%s: %v, want %v", id, got[id], want)
		}
	}
}

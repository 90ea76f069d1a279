package terraform

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.snapshot.json")

// epoch is the clock of plans without a timestamp, so goldens are stable.
var epoch = func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

// plans are the plans of testdata/ (PROVENANCE.md says where each is
// from); each maps to the snapshot in testdata/NAME.snapshot.json.
var plans = []string{
	"regula_admin_policy", "regula_user_attached_policy", "regula_cloudtrail_log_validation",
	"regula_password_length", "regula_azurerm_storage", "checkov_iam_policies", "checkov_github_oidc",
	"checkov_terragoat", "tgc_iam_binding", "synthetic_guardrails", "synthetic_unknown_account", "synthetic_scp",
}

func mapFile(t testing.TB, name string) *snapshot.Snapshot {
	t.Helper()
	path := filepath.Join("testdata", name+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Map(path, data, Options{Now: epoch, Version: "test"})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// The whole mapped snapshot is compared, so any change in what a plan
// becomes is a reviewed diff (go test ./collectors/terraform -update).
func TestSnapshotGolden(t *testing.T) {
	for _, name := range plans {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := snapshot.Encode(&got, mapFile(t, name)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".snapshot.json")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./collectors/terraform -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s maps differently from %s (go test ./collectors/terraform -update to accept):\n%s", name, golden, got.String())
			}
			// What the mapping writes must be a valid snapshot.
			if _, err := snapshot.Decode(golden, got.Bytes()); err != nil {
				t.Errorf("mapped snapshot does not decode: %v", err)
			}
		})
	}
}

func TestBadPlans(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"unsupported format_version", `{"format_version": "2.0", "planned_values": {}, "resource_changes": []}`,
			`plan.json: unsupported Terraform plan format_version "2.0": rampart reads 0.1 to 1.x`},
		{"format_version not a version", `{"format_version": "one", "resource_changes": []}`, `unsupported Terraform plan format_version "one"`},
		{"truncated", `{"format_version": "1.2", "resource_changes": [{"address": "aws_iam_role.r", `,
			"plan.json:1:77: invalid JSON: unexpected end of JSON input"},
		{"wrong type", `{"format_version": "1.2", "resource_changes": {"a": 1}}`, "plan.json:1:"},
		{"no resources at all", `{"format_version": "1.2", "configuration": {}}`, `neither "planned_values" nor "resource_changes"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Map("plan.json", []byte(tc.data), Options{Now: epoch})
			var ie *snapshot.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want an InputError, got %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestSupportedFormats(t *testing.T) {
	for v, ok := range map[string]bool{"0.1": true, "0.2": true, "1.0": true, "1.2": true, "1.10": true, "0.0": false, "2.0": false, "1": false, "": false} {
		if supportedFormat(v) != ok {
			t.Errorf("supportedFormat(%q) != %v", v, ok)
		}
	}
}

// Resources being deleted are not evaluated; replaced ones are.
func TestDeletedResourcesAreLeftOut(t *testing.T) {
	s := mapFile(t, "synthetic_guardrails")
	for _, r := range s.AWS.Accounts[0].Roles {
		if r.ARN == "aws_iam_role.gone" {
			t.Error("a role being deleted was mapped")
		}
	}
	if deleted([]string{"delete", "create"}) || deleted([]string{"create", "delete"}) || !deleted([]string{"delete"}) {
		t.Error("replacement or deletion misread")
	}
}

func TestOwnAccount(t *testing.T) {
	data, err := os.ReadFile("testdata/synthetic_guardrails.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ids  []string
		want string
	}{
		{"provider allowed_account_ids", nil, "111111111111"},
		{"config aws.account_ids first", []string{"333333333333", "444444444444"}, "333333333333"},
	} {
		s, err := Map("p.json", data, Options{AccountIDs: tc.ids, Now: epoch})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AWS.Accounts[0].AccountID; got != tc.want || s.Scopes[0].Account != tc.want || s.Scopes[0].Resource != "arn:aws:iam::"+tc.want+":root" {
			t.Errorf("%s: account %q, scope %+v", tc.name, got, s.Scopes[0])
		}
	}
	// Unknown own account: roles trusting AWS principals are undecidable
	// for cross-account trust, and say how to fix it.
	s := mapFile(t, "synthetic_unknown_account")
	var got []string
	for _, e := range s.Errors {
		if e.Code == CodeOwnAccountUnknown {
			got = append(got, e.Resource)
			if !strings.Contains(e.Message, "aws.account_ids") || e.Service != "organizations" {
				t.Errorf("unhelpful error %+v", e)
			}
		}
	}
	if strings.Join(got, " ") != "aws_iam_role.vendor" {
		t.Errorf("OwnAccountUnknown on %v, want only the role trusting an AWS principal", got)
	}
}

func TestAddresses(t *testing.T) {
	if got := moduleNames(`module.a["x.y"].module.b[0]`); strings.Join(got, ",") != "a,b" {
		t.Errorf("moduleNames: %v", got)
	}
	for ref, want := range map[string][3]string{
		`aws_iam_policy.p.arn`:        {"aws_iam_policy", "p", ""},
		`aws_iam_policy.p["k"].arn`:   {"aws_iam_policy", "p", `["k"]`},
		`aws_iam_policy.p[0]`:         {"aws_iam_policy", "p", "[0]"},
		`aws_iam_policy.p["a]b"].arn`: {"aws_iam_policy", "p", `["a]b"]`},
	} {
		typ, name, key, ok := parseRef(ref)
		if !ok || [3]string{typ, name, key} != want {
			t.Errorf("parseRef(%s) = %s %s %s %v", ref, typ, name, key, ok)
		}
	}
	for _, ref := range []string{"var.x", "data.aws_iam_policy_document.d.json", "module.m.out", "each.key", "count.index"} {
		if _, _, _, ok := parseRef(ref); ok {
			t.Errorf("parseRef(%s) accepted", ref)
		}
	}
	mods, typ, name, ok := splitAddress(`module.poc.module.inner["k"].aws_iam_role.r1["p1"]`)
	if !ok || strings.Join(mods, ",") != "poc,inner" || typ != "aws_iam_role" || name != "r1" {
		t.Errorf("splitAddress: %v %s %s %v", mods, typ, name, ok)
	}
}

func TestUnknownAt(t *testing.T) {
	u := map[string]any{"arn": true, "metadata_options": []any{map[string]any{"http_tokens": true}}, "inline_policy": []any{map[string]any{}}}
	for _, tc := range []struct {
		path []any
		want bool
	}{
		{[]any{"arn"}, true},
		{[]any{"metadata_options"}, true},
		{[]any{"metadata_options", 0, "http_tokens"}, true},
		{[]any{"inline_policy"}, false},
		{[]any{"name"}, false},
	} {
		if got := unknownAt(u, tc.path...); got != tc.want {
			t.Errorf("unknownAt(%v) = %v", tc.path, got)
		}
	}
	if !unknownAt(true, "anything") {
		t.Error("a wholly unknown value must be unknown below")
	}
}

// A plan without resource_changes (trimmed by hand or by a tool) is read
// from planned_values, child modules included; nothing in it is unknown.
func TestPlannedValuesFallback(t *testing.T) {
	data := `{"format_version": "0.1", "planned_values": {"root_module": {
		"resources": [{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "values": {"name": "a", "path": "/"}}],
		"child_modules": [{"address": "module.m", "resources": [],
			"child_modules": [{"address": "module.m.module.n[\"x\"]", "resources": [
				{"address": "module.m.module.n[\"x\"].aws_iam_role.r[0]", "mode": "managed", "type": "aws_iam_role", "name": "r", "index": 0,
				 "values": {"name": "r", "path": "/", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}},
				{"address": "module.m.module.n[\"x\"].data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d", "values": {}}
			]}]}]}}}`
	s, err := Map("p.json", []byte(data), Options{Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	a := s.AWS.Accounts[0]
	if len(a.Users) != 1 || len(a.Roles) != 1 || a.Roles[0].ARN != `module.m.module.n["x"].aws_iam_role.r[0]` || a.Roles[0].TrustPolicy == nil {
		t.Errorf("users %+v roles %+v", a.Users, a.Roles)
	}
}

package waivers

import (
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

var known = func(id string) bool {
	return id == "aws-admin-policy-attached" || id == "aws-imdsv2-required" || id == "aws-cross-account-trust"
}

func TestLoad(t *testing.T) {
	ws, err := Load("testdata/waivers.yaml", known)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 || ws[0].Line != 2 || ws[1].Line != 7 || ws[0].Resource != `module.ci.aws_iam_role.deploy["prod"]` {
		t.Fatalf("%+v", ws)
	}
	if ws[0].Expires != time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC) || ws[0].ApprovedBy != "ciso@example.com" {
		t.Errorf("%+v", ws[0])
	}
}

// Each mistake names the file, the line and what was expected.
func TestParseErrors(t *testing.T) {
	entry := "- control: aws-imdsv2-required\n  resource: aws_instance.x\n  reason: r\n  approved_by: me\n  expires: 2026-01-31\n"
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"bad date", strings.Replace(entry, "2026-01-31", "2026-31-01", 1), `w.yaml:5: expires "2026-31-01": expected a date YYYY-MM-DD`},
		{"date with time", strings.Replace(entry, "2026-01-31", "2026-01-31T00:00:00Z", 1), `w.yaml:5: expires "2026-01-31T00:00:00Z": expected a date YYYY-MM-DD`},
		{"unknown control", strings.Replace(entry, "aws-imdsv2-required", "aws-imdsv2", 1), `w.yaml:1: unknown control "aws-imdsv2" (see rampart policy list)`},
		{"missing field", strings.Replace(entry, "  approved_by: me\n", "", 1), `w.yaml:1: waiver is missing "approved_by"`},
		{"unknown key", strings.Replace(entry, "reason:", "reasons:", 1), `w.yaml:3: unknown key "reasons": expected one of control, resource, reason, approved_by, expires`},
		{"empty value", strings.Replace(entry, "reason: r", "reason: \"\"", 1), `w.yaml:3: reason: expected a non-empty string`},
		{"list value", strings.Replace(entry, "resource: aws_instance.x", "resource: [a, b]", 1), `w.yaml:2: resource: expected a non-empty string`},
		{"not a list", "control: aws-imdsv2-required\n", `w.yaml:1: expected a list of waivers`},
		{"not a mapping", "- aws-imdsv2-required\n", `w.yaml:1: expected a waiver: a mapping`},
		{"bad YAML", "- control: [\n", `w.yaml: `},
		{"duplicate key", entry + "  resource: \"*\"\n", `w.yaml:6: duplicate key "resource" (first at line 2)`},
		{"second document", entry + "---\n" + entry, `w.yaml:6: a second YAML document (after ---): expected one list of waivers`},
		{"second document that is not YAML", entry + "---\n- control: [\n", `w.yaml: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("w.yaml", []byte(tc.yaml), known)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	if ws, err := Parse("w.yaml", []byte("# nothing waived\n"), known); err != nil || len(ws) != 0 {
		t.Errorf("an empty file is no waivers: %v %v", ws, err)
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{`module.x.aws_iam_role.y["prod"]`, `module.x.aws_iam_role.y["prod"]`, true},
		{`module.x.aws_iam_role.y["prod"]`, `module.x.aws_iam_role.y["dev"]`, false},
		{`module.x.aws_iam_role.y[*]`, `module.x.aws_iam_role.y["dev"]`, true},
		{`module.*.aws_iam_role.y[0]`, `module.a["k"].aws_iam_role.y[0]`, true},
		{`aws_iam_role.y[0]`, `aws_iam_role.y0`, false}, // [ ] are literal, not a class
		{`aws_instance.legacy*`, `aws_instance.legacy`, true},
		{`aws_instance.legacy?`, `aws_instance.legacy`, false},
		{`arn:aws:iam::*:role/ops-*`, `arn:aws:iam::111111111111:role/ops-admin`, true},
		{`*`, ``, true},
		{`a*b*c`, `aXXbYYbc`, true},
		{`a*b*c`, `aXXbYY`, false},
		// A * in the pattern is a wildcard even where the resource has a
		// literal * (a policy resource "*0", a for_each key "*").
		{`*`, `*0`, true},
		{`*0`, `**0`, true},
		{`a*`, `a*`, true},
		{`role[*]`, `role["*"]`, true},
	} {
		if got := Glob(tc.pattern, tc.s); got != tc.want {
			t.Errorf("Glob(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}

// A waiver applies through its expiry day, judged at the evaluation's
// "now", and not a second later.
func TestExpiry(t *testing.T) {
	w := Waiver{Expires: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
	if w.Expired(time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)) {
		t.Error("expired on its last day")
	}
	if !w.Expired(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("still valid the day after")
	}
}

func TestApply(t *testing.T) {
	ws, err := Load("testdata/waivers.yaml", known)
	if err != nil {
		t.Fatal(err)
	}
	rs := []results.Result{
		{Control: "aws-admin-policy-attached", Resource: `module.ci.aws_iam_role.deploy["prod"]`, Status: results.Fail, Message: "role has full admin"},
		{Control: "aws-admin-policy-attached", Resource: `module.ci.aws_iam_role.deploy["dev"]`, Status: results.Fail, Message: "role has full admin"},
		{Control: "aws-imdsv2-required", Resource: "aws_instance.legacy", Status: results.Fail, Message: "IMDSv1"},
		{Control: "aws-cross-account-trust", Resource: "aws_iam_role.old_vendor", Status: results.Pass},
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	o := Apply(rs, ws, now)
	if rs[0].Status != results.Waived || rs[0].Message != "waived: deploy role needs admin until the pipeline is split (PLAT-123)" {
		t.Errorf("not waived: %+v", rs[0])
	}
	wv := rs[0].Evidence["waiver"].(map[string]any)
	if wv["approved_by"] != "ciso@example.com" || wv["expires"] != "2026-12-31" || wv["waived_message"] != "role has full admin" {
		t.Errorf("evidence %v", wv)
	}
	if rs[1].Status != results.Fail {
		t.Error("the prod waiver waived the dev instance")
	}
	if rs[2].Status != results.Fail {
		t.Error("an expired waiver still applies")
	}
	if rs[3].Status != results.Pass {
		t.Error("a PASS was waived")
	}
	if o.Waived != 1 || len(o.Expired) != 1 || len(o.Stale) != 1 || o.Stale[0].Line != 12 {
		t.Fatalf("%+v", o)
	}
	warn := strings.Join(o.Warnings(), "\n")
	for _, want := range []string{
		"testdata/waivers.yaml:7: waiver for aws-imdsv2-required on aws_instance.legacy* expired on 2026-06-30 (approved by cloud-lead@example.com)",
		"testdata/waivers.yaml:12: stale waiver: aws-cross-account-trust on aws_iam_role.old_vendor matches no FAIL or ERROR result",
	} {
		if !strings.Contains(warn, want) {
			t.Errorf("warnings lack %q:\n%s", want, warn)
		}
	}
}

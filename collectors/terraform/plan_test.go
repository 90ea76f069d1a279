package terraform

import (
	"errors"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

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
		{"resource_changes emptied beside planned resources",
			`{"format_version": "1.2", "resource_changes": [], "planned_values": {"root_module": {"resources": [{"address": "aws_iam_user.u", "mode": "managed", "type": "aws_iam_user", "name": "u", "values": {"name": "u"}}]}}}`,
			`plan.json: planned_values has aws_iam_user.u, which resource_changes does not list: the plan was edited or truncated`},
		{"a child module's resource missing from resource_changes",
			`{"format_version": "1.2", "resource_changes": [{"address": "aws_iam_user.u", "mode": "managed", "type": "aws_iam_user", "name": "u", "change": {"actions": ["no-op"], "after": {"name": "u"}}}], "planned_values": {"root_module": {"resources": [{"address": "aws_iam_user.u", "mode": "managed"}], "child_modules": [{"address": "module.m", "resources": [{"address": "module.m.aws_iam_role.r", "mode": "managed"}, {"address": "module.m.data.aws_caller_identity.c", "mode": "data"}]}]}}}`,
			`planned_values has module.m.aws_iam_role.r, which resource_changes does not list`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Map("plan.json", []byte(tc.data), Options{})
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

// A replacement leaves an instance in place; only a deletion removes it.
func TestDeleted(t *testing.T) {
	if deleted([]string{"delete", "create"}) || deleted([]string{"create", "delete"}) || !deleted([]string{"delete"}) || deleted([]string{"update"}) {
		t.Error("replacement or deletion misread")
	}
}

func TestSupportedFormats(t *testing.T) {
	for v, ok := range map[string]bool{"0.1": true, "0.2": true, "1.0": true, "1.2": true, "1.10": true, "0.0": false, "2.0": false, "1": false, "": false} {
		if supportedFormat(v) != ok {
			t.Errorf("supportedFormat(%q) != %v", v, ok)
		}
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
		if got := UnknownAt(u, tc.path...); got != tc.want {
			t.Errorf("unknownAt(%v) = %v", tc.path, got)
		}
	}
	if !UnknownAt(true, "anything") {
		t.Error("a wholly unknown value must be unknown below")
	}
}

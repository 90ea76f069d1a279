package terraform

import "testing"

func TestLocator(t *testing.T) {
	l, err := NewLocator("testdata/tf")
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]struct {
		file string
		line int
		ok   bool
	}{
		"aws_iam_role.wild":                             {"testdata/tf/main.tf", 24, true},
		"aws_iam_user.ci":                               {"testdata/tf/iam.tf", 1, true},
		"aws_iam_account_password_policy.prod":          {"testdata/tf/iam.tf", 10, true},
		`module.ci.aws_iam_role.deploy["dev"]`:          {"testdata/tf/modules/ci/main.tf", 5, true},
		`module.registry.aws_iam_role.this[0]`:          {"testdata/tf/main.tf", 14, true}, // not local: the module block
		"aws_iam_role.nowhere":                          {"", 0, false},
		"module.missing.aws_iam_role.x":                 {"", 0, false},
		"data.aws_iam_policy_document.github":           {"", 0, false},
		"arn:aws:iam::111111111111:role/not-an-address": {"", 0, false},
	} {
		file, line, ok := l.Locate(addr)
		if file != want.file || line != want.line || ok != want.ok {
			t.Errorf("Locate(%s) = %s:%d %v, want %s:%d %v", addr, file, line, ok, want.file, want.line, want.ok)
		}
	}
	if _, err := NewLocator("testdata/nope"); err == nil {
		t.Error("a missing --tf-dir must be an error")
	}
}

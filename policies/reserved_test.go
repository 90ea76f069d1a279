package policies

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A user policy cannot define rules in what the built-in policies own: each
// of these modules, merged into a built-in package, turned FAILs into PASS
// (issue 9, item 2). Each is refused naming the file and the package, by a
// scan and by a test run alike.
func TestUserPoliciesCannotRewriteBuiltins(t *testing.T) {
	for _, tc := range []struct {
		name, module, want string
	}{
		{"a trusted account added to the library",
			"package rampart.lib.aws.trust\n\ntrusted_accounts contains \"888888888888\"\n",
			"package rampart.lib.aws.trust: rule data.rampart.lib.aws.trust.trusted_accounts is in data.rampart.lib"},
		{"a built-in control's helper overridden",
			"package rampart.aws.admin_policy_attached\n\napproved(_) := true\n",
			"package rampart.aws.admin_policy_attached: rule data.rampart.aws.admin_policy_attached.approved is in data.rampart.aws.admin_policy_attached"},
		{"the thresholds replaced",
			"package rampart.config.thresholds\n\ninactive_days := 100000\n",
			"package rampart.config.thresholds: rule data.rampart.config.thresholds.inactive_days is in data.rampart.config"},
		{"the clock stopped",
			"package rampart\n\nnow := \"2000-01-01T00:00:00Z\"\n",
			"package rampart: rule data.rampart.now is in data.rampart.now"},
		{"a built-in control extended from its parent package (ref head)",
			"package rampart.aws\n\nadmin_policy_attached.approved(_) := true\n",
			"package rampart.aws: rule data.rampart.aws.admin_policy_attached.approved is in data.rampart.aws.admin_policy_attached"},
		{"a built-in control's results added to",
			"package rampart.aws.root_mfa\n\nresults contains {\"status\": \"PASS\"}\n",
			"package rampart.aws.root_mfa: rule data.rampart.aws.root_mfa.results is in data.rampart.aws.root_mfa"},
		{"a rule above the built-in packages",
			"package rampart\n\naws[k] := {} if some k in [\"root_mfa\"]\n",
			"package rampart: rule data.rampart.aws is in data.rampart.aws"},
		{"the configuration from its parent package",
			"package rampart\n\nconfig := {}\n",
			"package rampart: rule data.rampart.config is in data.rampart.config"},
		{"the analysis facts",
			"package rampart.analysis.aws\n\nadmins := set()\n",
			"package rampart.analysis.aws: rule data.rampart.analysis.aws.admins is in data.rampart.analysis"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "evil.rego")
			if err := os.WriteFile(file, []byte(tc.module), 0o644); err != nil {
				t.Fatal(err)
			}
			for mode, load := range map[string]func() error{
				"scan": func() error {
					_, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{dir}})
					return err
				},
				"test": func() error {
					var out strings.Builder
					_, err := RunTests(context.Background(), TestOptions{Config: defaultConfig(), PolicyDirs: []string{dir}}, &out)
					return err
				},
			} {
				err := load()
				var pe *PolicyError
				if !errors.As(err, &pe) {
					t.Fatalf("%s: got %v, want a *PolicyError", mode, err)
				}
				if !strings.HasPrefix(err.Error(), file+":") || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: error\n%v\nwant it to start with %s: and contain\n%s", mode, err, file, tc.want)
				}
			}
		})
	}
}

// Rules of the user's own, even beside the built-in packages, still load.
func TestUserPoliciesMayUseTheirOwnPackages(t *testing.T) {
	dir := t.TempDir()
	for name, module := range map[string]string{
		"sibling.rego": "package rampart.aws\n\nmy_helper := 1\n",
		"nested.rego":  "package rampart.custom.lib\n\nx := data.rampart.lib.aws.trust\n",
		"top.rego":     "package rampart\n\nmine := data.rampart.now\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(module), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{dir}}); err != nil {
		t.Fatal(err)
	}
}

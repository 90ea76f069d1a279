package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("thresholds:\n  unused_role_days: 30\naws:\n  trusted_accounts: ['222222222222']\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Thresholds.UnusedRoleDays != 30 {
		t.Errorf("unused_role_days = %d, want 30", cfg.Thresholds.UnusedRoleDays)
	}
	if cfg.Thresholds.AccessKeyMaxAgeDays != 90 {
		t.Errorf("a key the file leaves out must keep its default, got %d", cfg.Thresholds.AccessKeyMaxAgeDays)
	}
	if got := cfg.AWS.TrustedAccounts; len(got) != 1 || got[0] != "222222222222" {
		t.Errorf("trusted_accounts = %v", got)
	}
}

func TestParseEmptyFileIsDefaults(t *testing.T) {
	cfg, err := Parse("c.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Thresholds != Default().Thresholds {
		t.Errorf("got %+v", cfg.Thresholds)
	}
}

func TestParseBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unknown key", "thresholds:\n  unused_role_dayz: 30\n", `c.yaml: line 2: unknown key "unused_role_dayz"`},
		{"unknown section", "azur:\n  x: 1\n", `c.yaml: line 1: unknown key "azur"`},
		{"wrong type", "thresholds:\n  unused_role_days: ninety\n", "c.yaml: line 2: wrong type"},
		{"list for a number", "thresholds:\n  unused_role_days: [1]\n", "c.yaml: line 2: wrong type"},
		{"negative threshold", "thresholds:\n  unused_role_days: -1\n", "thresholds.unused_role_days: expected a positive number"},
		{"bad account id", "aws:\n  account_ids: ['12345']\n", `aws account id "12345": expected 12 digits`},
		{"not yaml", "thresholds: [unclosed\n", "c.yaml: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("expected an error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

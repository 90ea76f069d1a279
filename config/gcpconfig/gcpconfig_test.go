package gcpconfig

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/config"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct{ name, yaml, err string }{
		{"defaults", "", ""},
		{"full", "gcp:\n  organization_id: \"123456789012\"\n  allowed_domains: [example.com]\n  allowed_customer_ids: [C01abcd2e]\nthresholds:\n  gcp_sa_key_max_age_days: 30\n", ""},
		{"email not domain", "gcp:\n  allowed_domains: [someone@example.com]\n", `gcp.allowed_domains "someone@example.com"`},
		{"bad org", "gcp:\n  organization_id: example\n", `gcp.organization_id "example"`},
		{"bad customer", "gcp:\n  allowed_customer_ids: [example.com]\n", `gcp.allowed_customer_ids "example.com"`},
		{"unknown key", "gcp:\n  allowed_domain: [example.com]\n", `line 2: unknown key "allowed_domain"`},
		{"zero threshold", "thresholds:\n  gcp_sa_unused_days: 0\n", "thresholds.gcp_sa_unused_days: expected a positive number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse("rampart.yaml", []byte(tc.yaml), Section)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.name == "defaults" && (cfg.Thresholds["gcp_sa_key_max_age_days"] != 90 || cfg.Thresholds["gcp_sa_unused_days"] != 90 || Of(cfg).AllowedDomains == nil) {
				t.Errorf("defaults: %v %+v", cfg.Thresholds, Of(cfg))
			}
			if tc.name == "full" && (cfg.Thresholds["gcp_sa_key_max_age_days"] != 30 || Of(cfg).AllowedDomains[0] != "example.com") {
				t.Errorf("full: %v %+v", cfg.Thresholds, Of(cfg))
			}
		})
	}
}

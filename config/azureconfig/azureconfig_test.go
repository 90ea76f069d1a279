package azureconfig

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/config"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string // "" = valid
	}{
		{"defaults", *Default(), ""},
		{"trusted tenant", Config{TrustedTenants: []string{"00000000-0000-0000-0000-00000000aaaa"}, MaxActivationHours: 2}, ""},
		{"tenant not a GUID", Config{TrustedTenants: []string{"contoso.onmicrosoft.com"}, MaxActivationHours: 2}, "azure.trusted_tenants"},
		{"break-glass not a UPN", Config{BreakGlassAccounts: []string{"bg1"}, MaxActivationHours: 2}, "azure.break_glass_accounts"},
		{"zero hours", Config{}, "azure.max_activation_hours"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one naming %s", err, tc.want)
			}
		})
	}
}

func TestBreakGlassUPNsAreLowerCased(t *testing.T) {
	c := Config{BreakGlassAccounts: []string{"BG1@Example.onmicrosoft.com"}, MaxActivationHours: 2}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.BreakGlassAccounts[0] != "bg1@example.onmicrosoft.com" {
		t.Fatalf("got %q", c.BreakGlassAccounts[0])
	}
}

// The section reads from a file, with unknown keys and bad values refused.
func TestSectionFromFile(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"defaults", "", ""},
		{"values", "azure:\n  trusted_tenants: [00000000-0000-0000-0000-00000000aaaa]\n  break_glass_accounts: [BG@example.com]\n  max_activation_hours: 1\nthresholds:\n  azure_inactive_days: 30\n", ""},
		{"unknown key", "azure:\n  trusted_tenant: []\n", "trusted_tenant"},
		{"bad tenant", "azure:\n  trusted_tenants: [contoso]\n", "azure.trusted_tenants"},
		{"zero threshold", "thresholds:\n  azure_secret_lifetime_days: 0\n", "azure_secret_lifetime_days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse("rampart.yaml", []byte(tc.yaml), Section)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one naming %s", err, tc.want)
			case tc.want == "" && tc.name == "values":
				c := Of(cfg)
				if c.MaxActivationHours != 1 || c.BreakGlassAccounts[0] != "bg@example.com" || cfg.Thresholds[ThresholdInactiveDays] != 30 || cfg.Thresholds[ThresholdSecretLifetimeDays] != 365 {
					t.Fatalf("read %+v, thresholds %v", c, cfg.Thresholds)
				}
			}
		})
	}
}

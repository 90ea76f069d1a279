package azureconfig

import (
	"strings"
	"testing"
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

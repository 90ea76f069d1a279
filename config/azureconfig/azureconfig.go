// Package azureconfig is the "azure" section of rampart's configuration:
// what the organization trusts and exempts in its Entra ID tenants and
// Azure subscriptions, and the Azure thresholds.
package azureconfig

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rampart-sec/rampart/config"
)

// Config is the azure: section of the configuration file.
type Config struct {
	// TrustedTenants are managing tenants (IDs) whose Azure Lighthouse
	// delegations are intended: a managed-service provider, the
	// organization's own other tenants.
	TrustedTenants []string `yaml:"trusted_tenants" json:"trusted_tenants"`
	// BreakGlassAccounts are UPNs of emergency-access accounts. They are
	// exempt from the MFA-enforcement and sign-in checks, and reported as
	// exempt in those checks' evidence, never silently left out.
	BreakGlassAccounts []string `yaml:"break_glass_accounts" json:"break_glass_accounts"`
	// MaxActivationHours is the longest PIM activation a privileged
	// directory role may allow (pb-16: "JIT 2h max").
	MaxActivationHours int `yaml:"max_activation_hours" json:"max_activation_hours"`
}

// The Azure thresholds, flat under the configuration's thresholds: key.
const (
	// ThresholdInactiveDays: an enabled user not signed in this long fails
	// azure-inactive-user.
	ThresholdInactiveDays = "azure_inactive_days"
	// ThresholdSecretLifetimeDays: a client secret valid longer than this
	// fails azure-sp-long-lived-secret.
	ThresholdSecretLifetimeDays = "azure_secret_lifetime_days"
)

// Thresholds are the Azure thresholds with the catalogue's defaults.
func Thresholds() map[string]int {
	return map[string]int{ThresholdInactiveDays: 90, ThresholdSecretLifetimeDays: 365}
}

// Default is the section when the file says nothing about Azure.
func Default() *Config {
	return &Config{TrustedTenants: []string{}, BreakGlassAccounts: []string{}, MaxActivationHours: 2}
}

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Validate checks the section: tenant IDs are GUIDs, break-glass accounts
// are UPNs, the activation limit is positive. UPNs are lower-cased, since
// Entra ID compares them without case.
func (c *Config) Validate() error {
	for _, t := range c.TrustedTenants {
		if !guid.MatchString(t) {
			return fmt.Errorf("azure.trusted_tenants: %q: expected a tenant ID (GUID)", t)
		}
	}
	for i, u := range c.BreakGlassAccounts {
		if !strings.Contains(u, "@") {
			return fmt.Errorf("azure.break_glass_accounts: %q: expected a user principal name (name@domain)", u)
		}
		c.BreakGlassAccounts[i] = strings.ToLower(u)
	}
	if c.MaxActivationHours <= 0 {
		return fmt.Errorf("azure.max_activation_hours: expected a positive number of hours, got %d", c.MaxActivationHours)
	}
	return nil
}

// Section declares the azure section and the Azure controls' thresholds.
var Section = config.Section{
	Name:       "azure",
	Defaults:   func() any { return Default() },
	Thresholds: Thresholds(),
	Validate:   func(v any) error { return v.(*Config).Validate() },
}

// Of returns the azure section of cfg, or its defaults when cfg was built
// without it.
func Of(cfg config.Config) *Config {
	if c, ok := config.SectionOf[*Config](cfg, Section.Name); ok {
		return c
	}
	return Default()
}

// Package gcpconfig is the "gcp" section of rampart's configuration: what
// the organization considers its own on Google Cloud.
package gcpconfig

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rampart-sec/rampart/config"
)

// Config is the gcp: section.
type Config struct {
	// OrganizationID is the organization's number; with it, bindings and
	// policies can be read as "ours" even from an export that lacks the
	// Organization asset.
	OrganizationID string `yaml:"organization_id" json:"organization_id"`
	// AllowedDomains are the domains whose users and groups may hold
	// roles (gcp-external-members). The organization's own primary domain
	// (its display name) is allowed as well when the snapshot has it.
	AllowedDomains []string `yaml:"allowed_domains" json:"allowed_domains"`
	// AllowedCustomerIDs are the Cloud Identity / Workspace customer IDs
	// (C0xxxxxxx) that iam.allowedPolicyMemberDomains may allow; empty
	// means any value counts as a restriction.
	AllowedCustomerIDs []string `yaml:"allowed_customer_ids" json:"allowed_customer_ids"`
}

// Section declares the gcp section and the GCP controls' thresholds, with
// the catalogue's defaults.
var Section = config.Section{
	Name:     "gcp",
	Defaults: func() any { return Default() },
	Thresholds: map[string]int{
		"gcp_sa_key_max_age_days": 90, // gcp-sa-key-rotation
		"gcp_sa_unused_days":      90, // gcp-unused-service-account
	},
	Validate: func(v any) error { return v.(*Config).Validate() },
}

// Default is the section with nothing configured.
func Default() *Config {
	return &Config{AllowedDomains: []string{}, AllowedCustomerIDs: []string{}}
}

// Of returns the gcp section of cfg, or its defaults when cfg was built
// without it.
func Of(cfg config.Config) *Config {
	if c, ok := config.SectionOf[*Config](cfg, Section.Name); ok {
		return c
	}
	return Default()
}

var (
	orgID      = regexp.MustCompile(`^[0-9]{1,20}$`)
	customerID = regexp.MustCompile(`^C[0-9a-z]{5,12}$`)
)

// Validate reports the first value that cannot be what its key says.
func (c *Config) Validate() error {
	if c.OrganizationID != "" && !orgID.MatchString(strings.TrimPrefix(c.OrganizationID, "organizations/")) {
		return fmt.Errorf("gcp.organization_id %q: expected the organization's number", c.OrganizationID)
	}
	for _, d := range c.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "@ /") || !strings.Contains(d, ".") {
			return fmt.Errorf("gcp.allowed_domains %q: expected a domain name such as example.com", d)
		}
	}
	for _, id := range c.AllowedCustomerIDs {
		if !customerID.MatchString(id) {
			return fmt.Errorf("gcp.allowed_customer_ids %q: expected a customer ID such as C01abcd2e", id)
		}
	}
	return nil
}

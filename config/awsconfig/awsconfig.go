// Package awsconfig is the `aws:` section of rampart's configuration and
// the AWS thresholds: what the organization considers its own on AWS.
package awsconfig

import (
	"fmt"

	"github.com/rampart-sec/rampart/config"
)

// Config holds what the organization considers its own on AWS.
type Config struct {
	// AccountIDs are the organization's own accounts, besides the scanned
	// ones and those listed by AWS Organizations in the snapshot. The
	// first is a Terraform plan's own account.
	AccountIDs []string `yaml:"account_ids" json:"account_ids"`
	// TrustedAccounts are third-party accounts trusted on purpose (a
	// vendor, a security tool); trusting them is not a finding.
	TrustedAccounts []string `yaml:"trusted_accounts" json:"trusted_accounts"`
	// OrganizationID pins aws:PrincipalOrgID conditions when the snapshot
	// has no organization.
	OrganizationID string `yaml:"organization_id" json:"organization_id"`
	// AdminRoles are ARN patterns of roles approved to hold full admin
	// (IAM-style: * matches any run of characters, "/" and ":" included;
	// ? matches one character).
	AdminRoles []string `yaml:"admin_roles" json:"admin_roles"`
}

// Section declares the aws section and the AWS controls' thresholds, with
// the catalogue's defaults.
var Section = config.Section{
	Name: "aws",
	Defaults: func() any {
		return &Config{AccountIDs: []string{}, TrustedAccounts: []string{}, AdminRoles: []string{}}
	},
	Thresholds: map[string]int{
		"unused_role_days":          90, // aws-unused-role
		"root_recent_use_days":      90, // aws-root-recent-use
		"access_key_max_age_days":   90, // aws-access-key-rotation
		"credentials_unused_days":   45, // aws-credentials-unused
		"password_min_length":       14, // aws-password-policy
		"password_reuse_prevention": 24, // aws-password-policy
	},
	Validate: func(v any) error {
		c := v.(*Config)
		for _, id := range append(append([]string{}, c.AccountIDs...), c.TrustedAccounts...) {
			if !isAccountID(id) {
				return fmt.Errorf("aws account id %q: expected 12 digits", id)
			}
		}
		return nil
	},
}

// Of returns the aws section of cfg, or its defaults when cfg was built
// without it.
func Of(cfg config.Config) *Config {
	if c, ok := config.SectionOf[*Config](cfg, Section.Name); ok {
		return c
	}
	return Section.Defaults().(*Config)
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

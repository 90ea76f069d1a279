// Package config reads rampart's YAML configuration: the thresholds of the
// time-based controls and what the organization considers its own (accounts,
// trusted accounts, admin roles). Unknown keys and wrong types are errors,
// because a misspelt threshold silently left at its default is a false PASS
// waiting to happen.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/rampart-sec/rampart/config/gcpconfig"
)

// Config is the whole configuration file.
type Config struct {
	Thresholds Thresholds `yaml:"thresholds" json:"thresholds"`
	AWS        AWS        `yaml:"aws" json:"aws"`
	// GCP is the gcp: section (see config/gcpconfig).
	GCP gcpconfig.Config `yaml:"gcp" json:"gcp"`
}

// Thresholds are the numbers behind the time- and size-based controls, with
// the defaults of the control catalogue.
type Thresholds struct {
	// UnusedRoleDays: a role unused this long fails aws-unused-role.
	UnusedRoleDays int `yaml:"unused_role_days" json:"unused_role_days"`
	// RootRecentUseDays: root used within this window fails aws-root-recent-use.
	RootRecentUseDays int `yaml:"root_recent_use_days" json:"root_recent_use_days"`
	// AccessKeyMaxAgeDays: an active key older than this fails aws-access-key-rotation.
	AccessKeyMaxAgeDays int `yaml:"access_key_max_age_days" json:"access_key_max_age_days"`
	// CredentialsUnusedDays: an active password or key unused this long
	// fails aws-credentials-unused.
	CredentialsUnusedDays int `yaml:"credentials_unused_days" json:"credentials_unused_days"`
	// PasswordMinLength and PasswordReusePrevention are the least the
	// account password policy must require.
	PasswordMinLength       int `yaml:"password_min_length" json:"password_min_length"`
	PasswordReusePrevention int `yaml:"password_reuse_prevention" json:"password_reuse_prevention"`
	// GCPSAKeyMaxAgeDays: a user-managed service account key older than
	// this fails gcp-sa-key-rotation.
	GCPSAKeyMaxAgeDays int `yaml:"gcp_sa_key_max_age_days" json:"gcp_sa_key_max_age_days"`
	// GCPSAUnusedDays: a service account that has not authenticated for
	// this long fails gcp-unused-service-account.
	GCPSAUnusedDays int `yaml:"gcp_sa_unused_days" json:"gcp_sa_unused_days"`
}

// AWS holds what the organization considers its own on AWS.
type AWS struct {
	// AccountIDs are the organization's own accounts, besides the scanned
	// ones and those listed by AWS Organizations in the snapshot.
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

// Default is the configuration used when no file is given; its thresholds
// are the catalogue's defaults.
func Default() Config {
	return Config{
		Thresholds: Thresholds{
			UnusedRoleDays:          90,
			RootRecentUseDays:       90,
			AccessKeyMaxAgeDays:     90,
			CredentialsUnusedDays:   45,
			PasswordMinLength:       14,
			PasswordReusePrevention: 24,
			GCPSAKeyMaxAgeDays:      gcpconfig.Thresholds["gcp_sa_key_max_age_days"],
			GCPSAUnusedDays:         gcpconfig.Thresholds["gcp_sa_unused_days"],
		},
		GCP: *gcpconfig.Default(),
		AWS: AWS{AccountIDs: []string{}, TrustedAccounts: []string{}, AdminRoles: []string{}},
	}
}

// Load reads the file at path over the defaults: keys the file leaves out
// keep their default.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, errors.Unwrap(err))
	}
	return Parse(path, data)
}

// Parse reads configuration data, naming file in errors.
func Parse(file string, data []byte) (Config, error) {
	cfg := Default()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && err != io.EOF {
		return Config{}, fmt.Errorf("%s: %s", file, yamlMessage(err))
	}
	if err := cfg.validate(); err != nil {
		return Config{}, fmt.Errorf("%s: %w", file, err)
	}
	return cfg, nil
}

// yamlMessage turns yaml.v3's "yaml: unmarshal errors:\n  line 3: field x
// not found in type config.AWS" into "line 3: unknown key x".
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, 0, len(te.Errors))
		for _, m := range te.Errors {
			if i := strings.Index(m, "field "); i >= 0 && strings.Contains(m, " not found in type ") {
				name := strings.SplitN(m[i+len("field "):], " ", 2)[0]
				m = m[:i] + "unknown key " + strconv.Quote(name)
			} else {
				m = strings.Replace(m, "cannot unmarshal", "wrong type: cannot read", 1)
			}
			msgs = append(msgs, m)
		}
		return strings.Join(msgs, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

func (c Config) validate() error {
	t := c.Thresholds
	for name, v := range map[string]int{
		"unused_role_days":          t.UnusedRoleDays,
		"root_recent_use_days":      t.RootRecentUseDays,
		"access_key_max_age_days":   t.AccessKeyMaxAgeDays,
		"credentials_unused_days":   t.CredentialsUnusedDays,
		"password_min_length":       t.PasswordMinLength,
		"password_reuse_prevention": t.PasswordReusePrevention,
		"gcp_sa_key_max_age_days":   t.GCPSAKeyMaxAgeDays,
		"gcp_sa_unused_days":        t.GCPSAUnusedDays,
	} {
		if v <= 0 {
			return fmt.Errorf("thresholds.%s: expected a positive number, got %d", name, v)
		}
	}
	if err := c.GCP.Validate(); err != nil {
		return err
	}
	for _, id := range append(append([]string{}, c.AWS.AccountIDs...), c.AWS.TrustedAccounts...) {
		if !isAccountID(id) {
			return fmt.Errorf("aws account id %q: expected 12 digits", id)
		}
	}
	return nil
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

// Package clouds is the one list of the clouds rampart knows: for each, its
// live collector, its configuration section, and the files it imports.
// Adding a cloud adds its packages and one entry to All.
package clouds

import (
	"github.com/rampart-sec/rampart/analysis/awsiam"
	"github.com/rampart-sec/rampart/collectors"
	awscollector "github.com/rampart-sec/rampart/collectors/aws"
	azurecollector "github.com/rampart-sec/rampart/collectors/azure"
	gcpcollector "github.com/rampart-sec/rampart/collectors/gcp"
	"github.com/rampart-sec/rampart/collectors/terraform"
	tfaws "github.com/rampart-sec/rampart/collectors/terraform/aws"
	tfazure "github.com/rampart-sec/rampart/collectors/terraform/azure"
	tfgcp "github.com/rampart-sec/rampart/collectors/terraform/gcp"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/config/awsconfig"
	"github.com/rampart-sec/rampart/config/azureconfig"
	"github.com/rampart-sec/rampart/config/gcpconfig"
	"github.com/rampart-sec/rampart/snapshot"
)

// Cloud is everything one provider plugs into rampart.
type Cloud struct {
	// Collector is the live collector: `rampart collect NAME`, `scan NAME`.
	Collector func() collectors.Collector
	// Config is the cloud's configuration section and thresholds.
	Config config.Section
	// Importers read the cloud's own export files (beside snapshots and
	// Terraform plans, which every cloud shares).
	Importers []collectors.Importer
	// Terraform is the cloud's Terraform plan mapper, configured from a
	// run's configuration; nil when the cloud has none.
	Terraform func(config.Config) terraform.Provider
	// Analysis computes the facts its policies read at
	// data.rampart.analysis.<name> (effective permissions, escalation
	// graph), once per snapshot; nil when the cloud has none.
	Analysis func(*snapshot.Snapshot) map[string]any
	// Hint gives the next step for one of the cloud's collection errors
	// (the permission to grant, the region to enable), "" when it has
	// none; it returns "" for other providers' errors.
	Hint func(snapshot.CollectionError) string
}

// All lists the clouds, in the order commands and help show them.
func All() []Cloud {
	return []Cloud{
		{
			Collector: func() collectors.Collector { return awscollector.New() },
			Config:    awsconfig.Section,
			Terraform: func(cfg config.Config) terraform.Provider { return tfaws.New(awsconfig.Of(cfg).AccountIDs) },
			Analysis:  awsiam.Facts,
			Hint:      firstHint(awscollector.Hint, tfaws.Hint),
		},
		{
			Collector: func() collectors.Collector { return azurecollector.New() },
			Config:    azureconfig.Section,
			Terraform: func(config.Config) terraform.Provider { return tfazure.New() },
			Hint:      azurecollector.Hint,
		},
		{
			Collector: func() collectors.Collector { return gcpcollector.New() },
			Config:    gcpconfig.Section,
			Importers: []collectors.Importer{gcpcollector.Importer{}},
			Terraform: func(config.Config) terraform.Provider { return tfgcp.New() },
			Hint:      gcpcollector.Hint,
		},
	}
}

// Analysis computes every cloud's facts about a snapshot, by cloud name:
// what the policies read at data.rampart.analysis.
func Analysis(s *snapshot.Snapshot) map[string]any {
	out := map[string]any{}
	for _, c := range All() {
		if c.Analysis != nil {
			out[c.Collector().Name()] = c.Analysis(s)
		}
	}
	return out
}

// firstHint is the first of hints that has something to say.
func firstHint(hints ...func(snapshot.CollectionError) string) func(snapshot.CollectionError) string {
	return func(e snapshot.CollectionError) string {
		for _, h := range hints {
			if s := h(e); s != "" {
				return s
			}
		}
		return ""
	}
}

// Hint is the next step for a collection error: the cloud's own hint,
// else that of the plan mapping; "" when none knows one.
func Hint(e snapshot.CollectionError) string {
	for _, c := range All() {
		if c.Hint == nil {
			continue
		}
		if h := c.Hint(e); h != "" {
			return h
		}
	}
	return terraform.Hint(e)
}

// Sections are the configuration sections of every cloud.
func Sections() []config.Section {
	var out []config.Section
	for _, c := range All() {
		out = append(out, c.Config)
	}
	return out
}

// DefaultConfig is the configuration used when no file is given.
func DefaultConfig() config.Config { return config.Default(Sections()...) }

// LoadConfig reads a configuration file against every cloud's section.
func LoadConfig(path string) (config.Config, error) { return config.Load(path, Sections()...) }

// Importers lists every kind of file `rampart eval` reads, in the order
// they are tried: rampart snapshots, Terraform plans (mapped by every
// cloud's Terraform mappers), then each cloud's own exports.
func Importers() []collectors.Importer {
	out := []collectors.Importer{
		collectors.SnapshotImporter{},
		terraform.Importer{Configure: terraformOptions},
	}
	for _, c := range All() {
		out = append(out, c.Importers...)
	}
	return out
}

// terraformOptions configures the plan mapping from a run's configuration:
// every cloud's Terraform provider.
func terraformOptions(env collectors.Env) terraform.Options {
	var opts terraform.Options
	for _, c := range All() {
		if c.Terraform != nil {
			opts.Providers = append(opts.Providers, c.Terraform(env.Config))
		}
	}
	return opts
}

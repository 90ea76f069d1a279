package gcp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Collector is GCP as a collectors.Collector: its flags say what to list
// (an organization, folders, projects) or which export files to read.
type Collector struct {
	organization string
	folders      []string
	projects     []string
	impersonate  string
	exports      []string
}

// New returns the GCP collector with its flags at their defaults.
func New() *Collector { return &Collector{} }

// Name implements collectors.Collector.
func (*Collector) Name() string { return "gcp" }

// Help implements collectors.Collector.
func (*Collector) Help() (short, long string) {
	return "a GCP organization, folders or projects (Cloud Asset Inventory)",
		"Collect a Google Cloud organization, folders or projects through Cloud Asset Inventory ListAssets\n" +
			"(resources, IAM policies and organization policies; one call per page, never one per project).\n" +
			"Credentials come from Application Default Credentials; --impersonate-service-account makes every\n" +
			"call as that service account. Needs roles/cloudasset.viewer and roles/iam.securityReviewer on the\n" +
			"scope (docs/scanning-gcp.md). A scope that cannot be read is recorded in the snapshot, never dropped.\n\n" +
			"Offline: --cai-export FILE (repeatable) reads what gcloud asset export (NDJSON, one file per content\n" +
			"type or mixed) and gcloud asset list --format=json write."
}

// RegisterFlags implements collectors.Collector.
func (c *Collector) RegisterFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.organization, "organization", "", "collect the organization with this `ID` (number) and everything below it")
	fs.StringSliceVar(&c.folders, "folder", nil, "collect this folder `ID` and everything below it (repeatable)")
	fs.StringSliceVar(&c.projects, "project", nil, "collect this project `ID` (repeatable)")
	fs.StringVar(&c.impersonate, "impersonate-service-account", "", "make every call as this service account `EMAIL` (ADC as the source credentials)")
	fs.StringSliceVar(&c.exports, "cai-export", nil, "offline: read this Cloud Asset Inventory export `FILE` instead of calling the API (repeatable)")
}

// Scopes turns the flags into ListAssets parents.
func (c *Collector) scopes() ([]string, error) {
	var out []string
	if c.organization != "" {
		id := strings.TrimPrefix(c.organization, "organizations/")
		if !snapshot.IsGCPNumber(id) {
			return nil, fmt.Errorf("--organization %q: expected the organization's number", c.organization)
		}
		out = append(out, "organizations/"+id)
	}
	for _, f := range c.folders {
		id := strings.TrimPrefix(f, "folders/")
		if !snapshot.IsGCPNumber(id) {
			return nil, fmt.Errorf("--folder %q: expected the folder's number", f)
		}
		out = append(out, "folders/"+id)
	}
	for _, p := range c.projects {
		id := strings.TrimPrefix(p, "projects/")
		if id == "" || strings.ContainsAny(id, "/ ") {
			return nil, fmt.Errorf("--project %q: expected a project ID", p)
		}
		out = append(out, "projects/"+id)
	}
	return out, nil
}

// Collect implements collectors.Collector.
func (c *Collector) Collect(ctx context.Context, env collectors.Env) (*snapshot.Snapshot, error) {
	scopes, err := c.scopes()
	if err != nil {
		return nil, err
	}
	if len(c.exports) > 0 {
		if len(scopes) > 0 || c.impersonate != "" {
			return nil, errors.New("--cai-export reads files: --organization, --folder, --project and --impersonate-service-account do not apply")
		}
		var files []File
		for _, name := range c.exports {
			data, err := os.ReadFile(name)
			if err != nil {
				var pe *os.PathError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				return nil, &snapshot.InputError{File: name, Msg: "cannot read: " + err.Error()}
			}
			if !IsExport(data) {
				return nil, &snapshot.InputError{File: name, Msg: Importer{}.Expect()}
			}
			files = append(files, File{Name: name, Data: data})
		}
		return Import(files, ImportOptions{Now: env.Clock(), Version: env.Version, Owns: env.Owns})
	}
	if len(scopes) == 0 {
		return nil, errors.New("gcp: say what to collect: --organization ID, --folder ID or --project ID (or --cai-export FILE)")
	}
	creds, err := CredentialOptions(ctx, c.impersonate)
	if err != nil {
		return nil, err
	}
	s, _, err := Collect(ctx, Options{
		Scopes: scopes, ImpersonateServiceAccount: c.impersonate,
		Activity: &PolicyAnalyzer{ClientOptions: creds},
		Now:      env.Now, Version: env.Version, Progress: env.Progress, Owns: env.Owns,
	})
	return s, err
}

// Importer reads Cloud Asset Inventory exports as a collectors.Importer,
// so that `rampart eval FILE` takes them like snapshots and plans.
type Importer struct{}

// Kind implements collectors.Importer.
func (Importer) Kind() string { return "Cloud Asset Inventory export" }

// Expect implements collectors.Importer.
func (Importer) Expect() string {
	return `a Cloud Asset Inventory export (assets with a full resource "name" and "asset_type": gcloud asset export, one per line, or gcloud asset list --format=json)`
}

// Recognize implements collectors.Importer.
func (Importer) Recognize(f *collectors.Sniff) bool { return IsExport(f.Data) }

// Import implements collectors.Importer.
func (Importer) Import(file string, data []byte, env collectors.Env) (*snapshot.Snapshot, error) {
	return Import([]File{{Name: file, Data: data}}, ImportOptions{Now: env.Clock(), Version: env.Version})
}

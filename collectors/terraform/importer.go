package terraform

import (
	"encoding/json"
	"time"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Importer reads the JSON of a Terraform plan (`terraform show -json
// PLANFILE`) as a collectors.Importer.
type Importer struct {
	// Configure gives the mapping options for a run: the providers'
	// mappers and their configuration. Now and Version are filled from
	// the run's environment.
	Configure func(env collectors.Env) Options
}

// Kind implements collectors.Importer.
func (Importer) Kind() string { return "Terraform plan" }

// Expect implements collectors.Importer.
func (Importer) Expect() string {
	return `a Terraform plan ("format_version" and "planned_values" or "resource_changes": the output of terraform show -json PLANFILE)`
}

// Recognize implements collectors.Importer.
func (Importer) Recognize(f *collectors.Sniff) bool {
	obj, ok := f.Object()
	return ok && IsPlan(obj)
}

// Hint implements collectors.Hinter: a Terraform state where a plan was
// expected, or a plan in a form other than its JSON.
func (Importer) Hint(f *collectors.Sniff) string {
	if obj, ok := f.Object(); ok {
		return NotPlanHint(obj)
	}
	return NotJSONHint(f.Data)
}

// Dated implements collectors.Dater: a plan is dated by its "timestamp"
// (Terraform 1.5 and later), when it is an RFC 3339 time.
func (Importer) Dated(f *collectors.Sniff) bool {
	obj, ok := f.Object()
	if !ok {
		return false
	}
	var ts string
	if json.Unmarshal(obj["timestamp"], &ts) != nil {
		return false
	}
	_, err := time.Parse(time.RFC3339, ts)
	return err == nil
}

// Import implements collectors.Importer.
func (im Importer) Import(file string, data []byte, env collectors.Env) (*snapshot.Snapshot, error) {
	var opts Options
	if im.Configure != nil {
		opts = im.Configure(env)
	}
	opts.Now, opts.Version = env.Now, env.Version
	return Map(file, data, opts)
}

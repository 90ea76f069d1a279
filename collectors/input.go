// Package collectors holds one collector per source of cloud state — live
// provider APIs (aws/, ...) and files (Terraform plans, terraform/) — each
// producing a snapshot.Snapshot. This file reads the inputs `rampart eval`
// accepts.
package collectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rampart-sec/rampart/collectors/gcp"
	"github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// Input is a file ready for evaluation.
type Input struct {
	Snapshot *snapshot.Snapshot
	// JSON is the snapshot as JSON when the file was a snapshot; nil when
	// it was mapped from another format (the engine encodes it).
	JSON []byte
	// Digest is the SHA-256 of the file as read: the evidence a report
	// is tied to.
	Digest string
}

// Options tune how inputs other than snapshots are mapped.
type Options struct {
	// AWSAccountIDs are the config's aws.account_ids: the first is a
	// Terraform plan's own account.
	AWSAccountIDs []string
	// Now is the collection time of a plan without a timestamp; nil
	// means the wall clock.
	Now func() time.Time
	// Version is rampart's version, recorded in mapped snapshots.
	Version string
}

// Open reads a file rampart can evaluate: a rampart snapshot, the JSON of
// a Terraform plan (`terraform show -json PLANFILE`) or a Cloud Asset
// Inventory export (`gcloud asset export`, `gcloud asset list --format=json`). The kind of file
// is recognised by its content, never by its name: a file that is neither
// is an error, never an empty pass.
func Open(path string, opts Options) (*Input, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &snapshot.InputError{File: path, Msg: "cannot read: " + err.Error()}
	}
	if gcp.IsExport(data) {
		now := time.Now()
		if opts.Now != nil {
			now = opts.Now()
		}
		s, err := gcp.Import([]gcp.File{{Name: path, Data: data}}, gcp.ImportOptions{Now: now, Version: opts.Version})
		if err != nil {
			return nil, err
		}
		return &Input{Snapshot: s, Digest: snapshot.Digest(data)}, nil
	}
	var head map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("expected a JSON object (a rampart snapshot or a Terraform plan), found a JSON %s", typ.Value)}
		}
		return nil, snapshot.JSONError(path, data, err)
	}
	digest := snapshot.Digest(data)
	switch {
	case head["schema"] != nil:
		s, err := snapshot.Decode(path, data)
		if err != nil {
			return nil, err
		}
		return &Input{Snapshot: s, JSON: data, Digest: digest}, nil
	case terraform.IsPlan(head):
		s, err := terraform.Map(path, data, terraform.Options{AccountIDs: opts.AWSAccountIDs, Now: opts.Now, Version: opts.Version})
		if err != nil {
			return nil, err
		}
		return &Input{Snapshot: s, Digest: digest}, nil
	}
	if hint := terraform.NotPlanHint(head); hint != "" {
		return nil, &snapshot.InputError{File: path, Msg: hint}
	}
	return nil, &snapshot.InputError{File: path, Msg: `not a rampart snapshot (expected a "schema" key: ` + snapshot.Schema + `) nor a Terraform plan (expected "format_version" and "planned_values" or "resource_changes": the output of terraform show -json PLANFILE)`}
}

package gcp

import (
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// contentCommands say how to export a missing content type, for the
// collection error that makes its controls ERROR.
var contentCommands = map[string]string{
	snapshot.GCPContentResource:  "gcloud asset export --content-type=resource",
	snapshot.GCPContentIAMPolicy: "gcloud asset export --content-type=iam-policy",
	snapshot.GCPContentOrgPolicy: "gcloud asset export --content-type=org-policy",
}

// ImportOptions describe an offline import.
type ImportOptions struct {
	// Now is the snapshot's collected_at: exports carry no collection time.
	Now time.Time
	// Version is rampart's version.
	Version string
	// Owns is the shard filter of a sharded scan (see Options.Owns).
	Owns func(scopeID string) bool
}

// File is one export file's name and content.
type File struct {
	Name string
	Data []byte
}

// Import builds a snapshot from one or more CAI export files (one per
// content type, or mixed). A content type no file brought is recorded as
// a collection error, so the controls that need it are ERROR; activity
// data is never in an export.
func Import(files []File, opts ImportOptions) (*snapshot.Snapshot, error) {
	b := NewBuilder()
	for _, f := range files {
		assets, err := ReadExport(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		for _, a := range assets {
			b.Add(a)
		}
	}
	g := b.Build()
	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: opts.Now.UTC(),
		Collector:   snapshot.Collector{Name: "rampart", Version: opts.Version},
		Source:      snapshot.SourceEvidence,
		Scopes:      scopes(g),
		Errors:      []snapshot.CollectionError{},
		GCP:         g,
	}
	for _, ct := range []string{snapshot.GCPContentResource, snapshot.GCPContentIAMPolicy, snapshot.GCPContentOrgPolicy} {
		if !b.Content(ct) {
			s.Errors = append(s.Errors, snapshot.CollectionError{
				Provider: "gcp", Service: snapshot.GCPServiceAsset, Operation: ct, Code: "NotInExport",
				Message: "the input has no " + ct + " content (" + contentCommands[ct] + ")",
			})
		}
	}
	s.Errors = append(s.Errors, snapshot.CollectionError{
		Provider: "gcp", Service: snapshot.GCPServiceActivity, Operation: snapshot.GCPOperationActivity, Code: "NotInExport",
		Message: "Cloud Asset Inventory exports carry no service account activity (Policy Analyzer)",
	})
	keepShard(s, opts.Owns)
	return s, nil
}

// scopes lists every organization, folder and project of the section.
func scopes(g *snapshot.GCP) []snapshot.Scope {
	out := []snapshot.Scope{}
	for _, list := range [][]snapshot.GCPContainer{g.Organizations, g.Folders, g.Projects} {
		for _, c := range list {
			out = append(out, snapshot.Scope{Provider: "gcp", Account: c.Account, Name: c.DisplayName, Resource: c.Name})
		}
	}
	return out
}

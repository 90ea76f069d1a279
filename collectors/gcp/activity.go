package gcp

import (
	"context"

	"github.com/rampart-sec/rampart/snapshot"
)

// ActivitySource fills in when service accounts and their keys last
// authenticated, returning an error entry for each project it could not
// read. Without one, activity is recorded as not collected.
type ActivitySource interface {
	Fill(ctx context.Context, g *snapshot.GCP) []snapshot.CollectionError
}

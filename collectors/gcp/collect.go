package gcp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	asset "cloud.google.com/go/asset/apiv1"
	"cloud.google.com/go/asset/apiv1/assetpb"
	"google.golang.org/api/impersonate"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"github.com/rampart-sec/rampart/snapshot"
)

// Options configure a live collection.
type Options struct {
	// Scopes are what to list: "organizations/N", "folders/N" or
	// "projects/ID". Each is listed on its own; an organization covers
	// everything below it in one listing.
	Scopes []string
	// ImpersonateServiceAccount, when set, makes every call as this
	// service account, with the caller's Application Default Credentials
	// as the source (roles/iam.serviceAccountTokenCreator on it).
	ImpersonateServiceAccount string
	// ClientOptions are added to the Cloud Asset client's (tests: a
	// loopback endpoint without authentication).
	ClientOptions []option.ClientOption
	// Backoff and MaxAttempts govern retries of quota and transient
	// errors; zero values mean defaultBackoff and 6.
	Backoff     Backoff
	MaxAttempts int
	// PageSize is ListAssets' page size; 0 means the largest CAI allows.
	PageSize int32
	// Activity collects service account activity; nil records it as not
	// collected (ERROR for gcp-unused-service-account).
	Activity ActivitySource
	Now      func() time.Time
	Version  string
	Progress func(format string, args ...any)
	// Owns, when set, is the shard filter of a sharded scan: the
	// snapshot keeps the projects whose ID it accepts and what their
	// results depend on (see keepShard).
	Owns func(scopeID string) bool
}

// maxPageSize is the largest page ListAssets serves.
const maxPageSize = 1000

// Stats counts what a collection cost.
type Stats struct {
	// Pages is the number of ListAssets responses received (one RPC
	// each), not counting retried attempts.
	Pages int
	// Retries is the number of retried attempts.
	Retries int
}

// Collect lists every scope through Cloud Asset Inventory and returns the
// snapshot. A scope or content type that could not be listed is recorded in
// the snapshot's errors; only a client that cannot be built is fatal.
func Collect(ctx context.Context, opts Options) (*snapshot.Snapshot, Stats, error) {
	var stats Stats
	if len(opts.Scopes) == 0 {
		return nil, stats, errors.New("gcp: nothing to collect: give --organization, --folder or --project")
	}
	for _, sc := range opts.Scopes {
		if kind, _, ok := levelOf(sc); !ok || strings.HasPrefix(sc, "//") {
			return nil, stats, fmt.Errorf("gcp: scope %q: expected organizations/N, folders/N or projects/ID", sc)
		} else if kind == "" {
			return nil, stats, fmt.Errorf("gcp: scope %q", sc)
		}
	}
	client, err := newClient(ctx, opts)
	if err != nil {
		return nil, stats, err
	}
	defer client.Close()
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: now().UTC(),
		Collector:   snapshot.Collector{Name: "rampart", Version: opts.Version},
		Source:      snapshot.SourceAPI,
		Errors:      []snapshot.CollectionError{},
	}
	b := NewBuilder()
	c := &lister{client: client, opts: opts, stats: &stats}
	for _, sc := range opts.Scopes {
		for _, ct := range []assetpb.ContentType{assetpb.ContentType_RESOURCE, assetpb.ContentType_IAM_POLICY, assetpb.ContentType_ORG_POLICY} {
			name := contentName(ct)
			c.progress("gcp: listing %s of %s", name, sc)
			if err := c.list(ctx, sc, ct, b); err != nil {
				s.Errors = append(s.Errors, scopeError(sc, name, err))
				continue
			}
			b.HaveContent(name)
		}
	}
	s.GCP = b.Build()
	s.Scopes = scopes(s.GCP)
	keepShard(s, opts.Owns)
	if opts.Activity == nil {
		s.Errors = append(s.Errors, snapshot.CollectionError{
			Provider: "gcp", Service: snapshot.GCPServiceActivity, Operation: snapshot.GCPOperationActivity,
			Code: "NotCollected", Message: "service account activity was not collected (no Policy Analyzer activity source for this scan)",
		})
	} else {
		s.Errors = append(s.Errors, fillOwnedActivity(ctx, opts.Activity, s.GCP, opts.Owns)...)
	}
	return s, stats, nil
}

func contentName(ct assetpb.ContentType) string {
	switch ct {
	case assetpb.ContentType_IAM_POLICY:
		return snapshot.GCPContentIAMPolicy
	case assetpb.ContentType_ORG_POLICY:
		return snapshot.GCPContentOrgPolicy
	}
	return snapshot.GCPContentResource
}

// scopeError records a listing that failed. A project's failure concerns
// that project only; an organization's or folder's leaves everything below
// it unknown, so it concerns every account of the snapshot.
func scopeError(scope, content string, err error) snapshot.CollectionError {
	e := snapshot.CollectionError{
		Provider: "gcp", Service: snapshot.GCPServiceAsset, Operation: "*",
		Code: status.Code(err).String(), Message: fmt.Sprintf("ListAssets %s on %s: %s", content, scope, status.Convert(err).Message()),
	}
	if kind, id, _ := levelOf(scope); kind == "project" {
		e.Account = id
	}
	return e
}

// CredentialOptions are the client options that carry the credentials:
// none for Application Default Credentials, a token source impersonating
// the service account otherwise.
func CredentialOptions(ctx context.Context, impersonateSA string) ([]option.ClientOption, error) {
	if impersonateSA == "" {
		return nil, nil
	}
	ts, err := impersonate.CredentialsTokenSource(ctx, impersonate.CredentialsConfig{
		TargetPrincipal: impersonateSA,
		Scopes:          []string{"https://www.googleapis.com/auth/cloud-platform"},
	})
	if err != nil {
		return nil, fmt.Errorf("gcp: impersonate %s: %w", impersonateSA, err)
	}
	return []option.ClientOption{option.WithTokenSource(ts)}, nil
}

func newClient(ctx context.Context, opts Options) (*asset.Client, error) {
	copts := []option.ClientOption{
		option.WithGRPCDialOption(grpc.WithChainUnaryInterceptor(allowlistInterceptor)),
		option.WithGRPCDialOption(grpc.WithChainStreamInterceptor(streamAllowlistInterceptor)),
	}
	creds, err := CredentialOptions(ctx, opts.ImpersonateServiceAccount)
	if err != nil {
		return nil, err
	}
	copts = append(copts, creds...)
	copts = append(copts, opts.ClientOptions...)
	c, err := asset.NewClient(ctx, copts...)
	if err != nil {
		return nil, fmt.Errorf("gcp: Cloud Asset Inventory client: %w", err)
	}
	return c, nil
}

// lister pages through ListAssets.
type lister struct {
	client *asset.Client
	opts   Options
	stats  *Stats
}

func (l *lister) progress(format string, args ...any) {
	if l.opts.Progress != nil {
		l.opts.Progress(format, args...)
	}
}

// list reads every page of one content type of one scope into b. Asset
// types are narrowed to what the controls read for RESOURCE and
// ORG_POLICY; IAM policies are read for every type.
func (l *lister) list(ctx context.Context, scope string, ct assetpb.ContentType, b *Builder) error {
	size := l.opts.PageSize
	if size == 0 {
		size = maxPageSize
	}
	req := &assetpb.ListAssetsRequest{Parent: scope, ContentType: ct, PageSize: size}
	switch ct {
	case assetpb.ContentType_RESOURCE:
		req.AssetTypes = AssetTypes
	case assetpb.ContentType_ORG_POLICY:
		req.AssetTypes = []string{typeOrganization, typeFolder, typeProject}
	}
	backoff := l.opts.Backoff
	if backoff == nil {
		backoff = defaultBackoff
	}
	attempts := l.opts.MaxAttempts
	if attempts == 0 {
		attempts = 6
	}
	it := l.client.ListAssets(ctx, req, retryOption(backoff, attempts, &l.stats.Retries))
	// Collect a scope's assets first: a listing that fails midway adds
	// nothing, so no partial view is mistaken for the whole.
	var got []*assetpb.Asset
	pager := iterator.NewPager(it, int(size), "")
	for {
		var page []*assetpb.Asset
		next, err := pager.NextPage(&page)
		if err != nil {
			return err
		}
		l.stats.Pages++
		got = append(got, page...)
		if next == "" {
			break
		}
	}
	for _, a := range got {
		b.Add(a)
	}
	return nil
}

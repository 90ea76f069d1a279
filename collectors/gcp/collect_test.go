package gcp

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	asset "cloud.google.com/go/asset/apiv1"
	"cloud.google.com/go/asset/apiv1/assetpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// noWait is the injected backoff: retries happen at once.
func noWait(int) time.Duration { return 0 }

func collect(t *testing.T, f *fakeCAI, opts Options) (*snapshot.Snapshot, Stats) {
	t.Helper()
	opts.ClientOptions = serve(t, f)
	opts.Backoff = noWait
	opts.Now = func() time.Time { return fixedNow }
	opts.Version = "test"
	s, stats, err := Collect(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, stats
}

func encode(t *testing.T, s *snapshot.Snapshot) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := snapshot.Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The whole organization, read in pages of 4 assets through a burst of
// quota errors: the snapshot is the golden one, and the same as without
// the burst.
func TestCollectOrganization(t *testing.T) {
	calm, _ := collect(t, &fakeCAI{w: knownWorld()}, Options{Scopes: []string{"organizations/111"}, PageSize: 4})
	burst := &fakeCAI{w: knownWorld(), exhausted: 4}
	s, stats := collect(t, burst, Options{Scopes: []string{"organizations/111"}, PageSize: 4})
	got := encode(t, s)
	golden(t, "organization.snapshot.json", got)
	if !bytes.Equal(got, encode(t, calm)) {
		t.Error("a RESOURCE_EXHAUSTED burst changed the snapshot")
	}
	if stats.Retries != 4 {
		t.Errorf("retries = %d, want 4 (each quota error retried)", stats.Retries)
	}
	pages := 0
	for _, c := range burst.Calls() {
		if c.Code == codes.OK {
			pages++
		}
	}
	if stats.Pages != pages || pages < 6 {
		t.Errorf("pages = %d, server answered %d: paging not exercised or miscounted", stats.Pages, pages)
	}
	if err := snapshotValid(got); err != nil {
		t.Error(err)
	}
	cfg := testConfig()
	golden(t, "organization.results.txt", []byte(resultLines(evaluate(t, s, cfg))))
}

// Every call the collector made is on the read-only allowlist, and each
// asks for one content type of the scope, never a per-project IAM call.
func TestCallsAreOnTheAllowlist(t *testing.T) {
	f := &fakeCAI{w: knownWorld()}
	collect(t, f, Options{Scopes: []string{"organizations/111"}})
	calls := f.Calls()
	if len(calls) != 3 {
		t.Errorf("%d calls for an organization of 3 projects, want 3 (one page per content type)", len(calls))
	}
	for _, c := range calls {
		if !slices.Contains(AllowedMethods(), "/google.cloud.asset.v1.AssetService/"+c.Method) {
			t.Errorf("call %s is not on the allowlist", c.Method)
		}
		if c.Parent != "organizations/111" || c.ContentType == "CONTENT_TYPE_UNSPECIFIED" {
			t.Errorf("unexpected call %+v", c)
		}
	}
}

// A method off the allowlist is refused by the client interceptor before
// it is sent: the server never sees it.
func TestAllowlistRefusesBeforeSending(t *testing.T) {
	f := &fakeCAI{w: knownWorld()}
	opts := Options{ClientOptions: serve(t, f)}
	client, err := newClient(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	for name, call := range map[string]func(*asset.Client) error{
		"CreateFeed": func(c *asset.Client) error {
			_, err := c.CreateFeed(context.Background(), &assetpb.CreateFeedRequest{Parent: "projects/prod-app", FeedId: "x"})
			return err
		},
		"DeleteFeed": func(c *asset.Client) error {
			return c.DeleteFeed(context.Background(), &assetpb.DeleteFeedRequest{Name: "projects/prod-app/feeds/x"})
		},
		"SearchAllIamPolicies": func(c *asset.Client) error {
			_, err := c.SearchAllIamPolicies(context.Background(), &assetpb.SearchAllIamPoliciesRequest{Scope: "organizations/111"}).Next()
			return err
		},
	} {
		err := call(client)
		if status.Code(err) != codes.PermissionDenied || !strings.Contains(err.Error(), "read-only allowlist") {
			t.Errorf("%s: err = %v, want the allowlist refusal", name, err)
		}
	}
	if calls := f.Calls(); len(calls) != 0 {
		t.Errorf("the server received %v", calls)
	}
	// The allowed method does go through the same client.
	if _, err := client.ListAssets(context.Background(), &assetpb.ListAssetsRequest{Parent: "organizations/111", ContentType: assetpb.ContentType_RESOURCE}).Next(); err != nil {
		t.Errorf("ListAssets through the guarded client: %v", err)
	}
}

// A project CAI refuses is an ERROR for its controls; the other projects'
// results stand.
func TestPermissionDeniedOnOneProject(t *testing.T) {
	f := &fakeCAI{w: knownWorld(), deny: map[string]bool{"projects/denied-app": true}}
	s, _ := collect(t, f, Options{Scopes: []string{"projects/prod-app", "projects/denied-app"}})
	var denied []snapshot.CollectionError
	for _, e := range s.Errors {
		if e.Service == snapshot.GCPServiceAsset {
			denied = append(denied, e)
		}
	}
	if len(denied) != 3 {
		t.Fatalf("errors %+v, want one per content type for denied-app", denied)
	}
	for _, e := range denied {
		if e.Account != "denied-app" || e.Code != "PermissionDenied" {
			t.Errorf("error %+v, want PermissionDenied for account denied-app", e)
		}
	}
	rs := evaluate(t, s, testConfig())
	deniedControls := map[string]bool{}
	for _, r := range rs {
		switch r.Account {
		case "denied-app":
			if r.Status != results.Error {
				t.Errorf("%s on denied-app: %s, want ERROR", r.Control, r.Status)
			}
			deniedControls[r.Control] = true
		case "prod-app":
			if ce, ok := r.Evidence["collection_error"].(map[string]any); ok && ce["account"] == "denied-app" {
				t.Errorf("%s on prod-app was made ERROR by denied-app's error", r.Control)
			}
		}
	}
	// Every control resting on CAI says so for the denied project.
	if len(deniedControls) < 14 {
		t.Errorf("only %d controls report denied-app: %v", len(deniedControls), deniedControls)
	}
	prod := 0
	for _, r := range rs {
		if r.Account == "prod-app" && r.Status != results.Error {
			prod++
		}
	}
	if prod == 0 {
		t.Error("no decided result for prod-app")
	}
}

// A live scan and an export of the same organization give the same gcp
// section: the collector and the importer share one builder.
func TestExportMatchesLiveScan(t *testing.T) {
	live, _ := collect(t, &fakeCAI{w: knownWorld()}, Options{Scopes: []string{"organizations/111"}})
	var files []File
	for _, ct := range []string{"RESOURCE", "IAM_POLICY", "ORG_POLICY"} {
		files = append(files, File{Name: ct + ".json", Data: exportNDJSON(t, knownWorld(), ct)})
	}
	exported, err := Import(files, ImportOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(live.GCP)
	b, _ := json.Marshal(exported.GCP)
	if !bytes.Equal(a, b) {
		t.Errorf("export and live scan differ:\nlive   %s\nexport %s", a, b)
	}
}

func snapshotValid(data []byte) error {
	_, err := snapshot.Decode("collected.json", data)
	return err
}

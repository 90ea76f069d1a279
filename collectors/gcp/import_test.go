package gcp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/config/gcpconfig"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// fixedNow is the collection time of imported test exports.
var fixedNow = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

var (
	engineOnce sync.Once
	engine     *policies.Engine
	engineErr  error
)

func evaluate(t testing.TB, s *snapshot.Snapshot, cfg config.Config) []results.Result {
	t.Helper()
	rs := enginetest.Evaluate(t, enginetest.New(t, cfg), s, nil)
	var out []results.Result
	for _, r := range rs {
		if r.Provider == "gcp" {
			out = append(out, r)
		}
	}
	return out
}

func resultLines(rs []results.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%-5s %s %s | %s\n", r.Status, r.Control, r.Resource, r.Message)
	}
	return b.String()
}

// golden compares got with testdata/name (testutil.Golden: -update
// rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

// testConfig is the default configuration of the clouds rampart knows
// (clouds.DefaultConfig, which this package cannot import).
func testConfig() config.Config { return config.Default(enginetest.Sections()...) }

func importFiles(t *testing.T, names ...string) *snapshot.Snapshot {
	t.Helper()
	var files []File
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if !IsExport(data) {
			t.Fatalf("%s: not recognised as a CAI export", n)
		}
		files = append(files, File{Name: n, Data: data})
	}
	s, err := Import(files, ImportOptions{Now: fixedNow, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var caiFixtures = []string{
	"iam_audit_log",
	"gcp_iam_restrict_service_account_key_age",
	"gcp_iam_restrict_service_account_key_type",
	"gcp_iam_restrict_service_account_creation",
	"iam_allowed_bindings",
	"iam_allow_ban_roles",
}

// Each third-party fixture, imported and evaluated with allowed_domains
// google.com: the whole snapshot and every GCP result are pinned.
func TestCAIFixtures(t *testing.T) {
	cfg := testConfig()
	gcpconfig.Of(cfg).AllowedDomains = []string{"google.com"}
	for _, name := range caiFixtures {
		t.Run(name, func(t *testing.T) {
			s := importFiles(t, filepath.Join("cai", name+".json"))
			b, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("cai", name+".snapshot.json"), append(b, '\n'))
			golden(t, filepath.Join("cai", name+".results.txt"), []byte(resultLines(evaluate(t, s, cfg))))
		})
	}
}

package azure

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

const (
	exampleFile     = "../../examples/azure-tenant.json"
	expectationFile = "../../examples/azure-tenant.expected.json"
	exampleConfig   = "../../examples/rampart.yaml"
)

// The committed example is what the collector makes of the example world.
func TestCommittedAzureExampleIsCurrent(t *testing.T) {
	s := collectFake(t, azurefake.New(t, azurefake.ExampleWorld()), Options{})
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, exampleFile, buf.Bytes())
}

func evalExample(t *testing.T, cfg config.Config) []results.Result {
	t.Helper()
	data, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Decode(exampleFile, data)
	if err != nil {
		t.Fatal(err)
	}
	return enginetest.Evaluate(t, enginetest.New(t, cfg), s, data)
}

// Evaluated with examples/rampart.yaml, the example gives exactly the
// committed expectations, and every Azure control has a FAIL and a PASS
// in it: the tenant-wide azure-mfa-enforced fails without the
// configuration (the break-glass exclusion is then unexplained), and
// azure-global-admin-count, one verdict per tenant, passes with three.
func TestAzureExampleMeetsItsExpectations(t *testing.T) {
	cfg := enginetest.LoadConfig(t, exampleConfig)
	got := map[string]string{}
	statuses := map[string]map[results.Status]bool{}
	for _, r := range evalExample(t, cfg) {
		got[r.Control+" "+r.Resource] = string(r.Status)
		if statuses[r.Control] == nil {
			statuses[r.Control] = map[results.Status]bool{}
		}
		statuses[r.Control][r.Status] = true
	}
	for _, r := range evalExample(t, enginetest.Config(t, "")) {
		if r.Control == "azure-mfa-enforced" {
			statuses[r.Control][r.Status] = true
		}
	}
	if testutil.Updating() {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(expectationFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(expectationFile)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]string
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	var diffs []string
	for k, v := range want {
		if got[k] != v {
			diffs = append(diffs, k+": got "+got[k]+", want "+v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, k+": unexpected "+v)
		}
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		t.Error(d)
	}
	for c, s := range statuses {
		if c == "azure-global-admin-count" {
			continue
		}
		if !s[results.Pass] || !s[results.Fail] {
			t.Errorf("%s: the example shows %v, want a PASS and a FAIL", c, s)
		}
	}
	if len(statuses) != 16 {
		t.Errorf("%d Azure controls gave results, want 16", len(statuses))
	}
}

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// `rampart scan aws` against moto, through the fault proxy denying
// GuardDuty in us-east-1: the exit code follows --fail-on, GuardDuty is
// ERROR in the denied region and judged in the other, and the planted
// misconfigurations fail.
func TestScanAWSBinary(t *testing.T) {
	url := awstest.Need(t)
	awstest.StandardWorld(t, url)
	p := awstest.NewProxy(t, url)
	p.Deny = func(c awstest.Call) bool { return c.Service == "guardduty" && c.Region == "us-east-1" }

	snap := filepath.Join(t.TempDir(), "snap.json")
	stdout, stderr, code := runRampart(t, p.URL, "scan", "aws", "--regions", "us-east-1,eu-west-1",
		"--format", "json", "--fail-on", "critical", "--snapshot", snap, "--now", "2026-03-01T12:00:00Z")
	var report struct {
		Snapshot struct {
			CollectionErrors int `json:"collection_errors"`
		}
		Results []result
	}
	if err := json.Unmarshal(stdout, &report); err != nil {
		t.Fatalf("report is not JSON (exit %d): %v\n%s\nstderr: %s", code, err, stdout, stderr)
	}
	// The exit code follows --fail-on critical.
	wantCode := 0
	for _, r := range report.Results {
		if r.Status == "FAIL" && r.Severity == "critical" {
			wantCode = 1
		}
	}
	if code != wantCode {
		t.Errorf("exit code %d, want %d\nstderr: %s", code, wantCode, stderr)
	}
	if report.Snapshot.CollectionErrors == 0 {
		t.Error("the report must count the collection errors")
	}
	implemented := map[string]bool{}
	for _, r := range report.Results {
		implemented[r.Control] = true
	}
	// Expected statuses of the planted world.
	for _, want := range []struct {
		control, region, resource string
		statuses                  string // acceptable statuses
	}{
		{"aws-guardduty-enabled", "us-east-1", "", "ERROR"}, // denied by the proxy
		{"aws-guardduty-enabled", "eu-west-1", "", "FAIL"},  // no detector
		// Decided from GetAccountSummary although moto's credential report
		// has no root row: either source suffices for root MFA.
		{"aws-root-mfa", "", "arn:aws:iam::123456789012:root", "FAIL"},
		{"aws-root-recent-use", "", "arn:aws:iam::123456789012:root", "ERROR"}, // moto: no root row
		{"aws-trust-wildcard-principal", "", "arn:aws:iam::123456789012:role/wildcard", "FAIL"},
		{"aws-console-user-mfa", "", "arn:aws:iam::123456789012:user/bob", "FAIL"},
		{"aws-console-user-mfa", "", "arn:aws:iam::123456789012:user/alice", "PASS"},
		{"aws-imdsv2-required", "us-east-1", "", "FAIL"},
		{"aws-access-analyzer-enabled", "us-east-1", "", "ERROR"}, // moto lacks Access Analyzer
	} {
		if !implemented[want.control] {
			t.Errorf("control %s produced no result at all", want.control)
			continue
		}
		var got []string
		for _, r := range report.Results {
			if r.Control == want.control && (want.region == "" || r.Region == want.region) && (want.resource == "" || r.Resource == want.resource) {
				got = append(got, r.Status)
			}
		}
		if len(got) == 0 {
			t.Errorf("%s %s %s: no result", want.control, want.region, want.resource)
		}
		for _, g := range got {
			if !strings.Contains(" "+want.statuses+" ", " "+g+" ") {
				t.Errorf("%s %s %s: %s, want %s", want.control, want.region, want.resource, g, want.statuses)
			}
		}
	}
	if _, err := os.Stat(snap); err != nil {
		t.Errorf("--snapshot not written: %v", err)
	}

	// collect aws writes the snapshot, and the eval of it agrees with scan.
	out := filepath.Join(t.TempDir(), "collected.json")
	if _, stderr, code := runRampart(t, url, "collect", "aws", "--regions", "us-east-1", "-o", out, "-q"); code != 0 {
		t.Fatalf("collect aws: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runRampart(t, url, "eval", out, "--format", "json"); code != 0 {
		t.Fatalf("eval of the collected snapshot: exit %d: %s", code, stderr)
	}
}

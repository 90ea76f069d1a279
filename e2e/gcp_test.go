package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const gcpExample = "../examples/gcp-org"

type report struct {
	Results []struct {
		Control  string `json:"control"`
		Status   string `json:"status"`
		Resource string `json:"resource"`
		Account  string `json:"account"`
	} `json:"results"`
}

func readReport(t *testing.T, path string) report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func statusOf(r report, control, resource string) string {
	for _, x := range r.Results {
		if x.Control == control && x.Resource == resource {
			return x.Status
		}
	}
	return ""
}

// rampart eval takes a CAI export as it takes a snapshot; data the export
// lacks is ERROR, never PASS.
func TestEvalOneCAIExport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.json")
	code, _, stderr := runFiles(t, "eval", filepath.Join(gcpExample, "iam-policy.ndjson"), "--now", "2026-03-01T00:00:00Z", "--format", "json", "-o", out, "--fail-on", "high")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a public project is critical); stderr %s", code, stderr)
	}
	r := readReport(t, out)
	for _, c := range []struct{ control, resource, want string }{
		{"gcp-public-iam-members", "//storage.googleapis.com/prod-public-assets", "FAIL"},
		{"gcp-primitive-roles-users", "//cloudresourcemanager.googleapis.com/projects/444", "PASS"},
		// Org policies were not exported: ERROR for every level.
		{"gcp-domain-restricted-sharing", "//cloudresourcemanager.googleapis.com/projects/444", "ERROR"},
	} {
		if got := statusOf(r, c.control, c.resource); got != c.want {
			t.Errorf("%s %s: %q, want %s", c.control, c.resource, got, c.want)
		}
	}
	for _, x := range r.Results {
		if x.Control == "gcp-user-managed-sa-keys" && x.Status != "ERROR" {
			t.Errorf("gcp-user-managed-sa-keys %s from an IAM-only export: %s, want ERROR", x.Resource, x.Status)
		}
	}
}

// collect gcp --cai-export with the three content types gives a snapshot
// whose evaluation decides the inheritance controls.
func TestCollectFromExportsThenEval(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snapshot.json")
	args := []string{"collect", "gcp", "-q", "-o", snap}
	for _, f := range []string{"resource.ndjson", "iam-policy.ndjson", "org-policy.ndjson"} {
		args = append(args, "--cai-export", filepath.Join(gcpExample, f))
	}
	if code, _, stderr := runFiles(t, args...); code != 0 {
		t.Fatalf("collect: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "results.json")
	code, _, stderr := runFiles(t, "eval", snap, "--now", "2026-03-01T00:00:00Z", "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	r := readReport(t, out)
	for _, c := range []struct{ control, resource, want string }{
		// Enforced at the organization, overridden in prod only.
		{"gcp-domain-restricted-sharing", "//cloudresourcemanager.googleapis.com/projects/444", "PASS"},
		{"gcp-domain-restricted-sharing", "//cloudresourcemanager.googleapis.com/projects/333", "FAIL"},
		// A folder-level admin role held by a service account.
		{"gcp-sa-admin-privileges", "//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", "FAIL"},
		// Exports carry no activity.
		{"gcp-unused-service-account", "//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", "ERROR"},
	} {
		if got := statusOf(r, c.control, c.resource); got != c.want {
			t.Errorf("%s %s: %q, want %s", c.control, c.resource, got, c.want)
		}
	}
}

// A broken export is one line naming file and position, exit 2, and the
// previous report is kept.
func TestBrokenExport(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "export.json")
	data, err := os.ReadFile(filepath.Join(gcpExample, "resource.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines[2] = "{\"name\": 3}\n"
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(out, []byte("previous report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runFiles(t, "eval", bad, "-o", out)
	if code != 2 || !strings.Contains(stderr, bad+":3:1: expected a Cloud Asset Inventory asset") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if kept, _ := os.ReadFile(out); string(kept) != "previous report\n" {
		t.Errorf("previous report overwritten: %q", kept)
	}
	code, _, stderr = runFiles(t, "collect", "gcp", "--cai-export", bad, "-o", filepath.Join(dir, "s.json"))
	if code != 2 || !strings.Contains(stderr, ":3:1:") {
		t.Errorf("collect: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runFiles(t, "collect", "gcp", "--cai-export", bad, "--organization", "111", "-o", filepath.Join(dir, "s.json"))
	if code != 2 || !strings.Contains(stderr, "do not apply") {
		t.Errorf("collect with both: exit %d, stderr %q", code, stderr)
	}
}

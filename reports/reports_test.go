package reports

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// sampleReport has one result of each status across severities and two
// accounts, the shapes every format must render.
func sampleReport() *results.Report {
	rs := []results.Result{
		{Control: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical, Status: results.Fail, Provider: "aws",
			Account: "333333333333", Resource: "arn:aws:iam::333333333333:root", ResourceType: "AWS::IAM::RootUser",
			Message: "root user has no MFA device", Evidence: map[string]any{"mfa_active": false},
			Remediation: "Enable MFA on the root user.", Frameworks: map[string][]string{"cis-aws-foundations-3.0": {"1.5"}},
			MITRE: []string{"T1078.004"}, Escalation: "CISO + Cloud team"},
		{Control: "aws-guardduty-enabled", Title: "GuardDuty is enabled", Severity: results.High, Status: results.Error, Provider: "aws",
			Account: "222222222222", Region: "eu-west-1", Resource: "arn:aws:iam::222222222222:root", ResourceType: "scope",
			Message: "not decided: guardduty ListDetectors failed (AccessDeniedException) in 222222222222 eu-west-1: denied by SCP",
			Evidence: map[string]any{"collection_error": map[string]any{"service": "guardduty", "operation": "ListDetectors",
				"code": "AccessDeniedException", "message": "denied by SCP", "account": "222222222222", "region": "eu-west-1", "resource": ""}}},
		{Control: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical, Status: results.Pass, Provider: "aws",
			Account: "222222222222", Resource: "arn:aws:iam::222222222222:root", Message: "root user has MFA"},
		{Control: "aws-multiple-active-keys", Title: "One active access key per user", Severity: results.Low, Status: results.Waived, Provider: "aws",
			Account: "222222222222", Resource: "arn:aws:iam::222222222222:user/deploy-bot", Message: "two active keys during rotation"},
	}
	for i := range rs {
		r := &rs[i]
		r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
	}
	results.Sort(rs)
	controls := []results.Control{
		{ID: "aws-guardduty-enabled", Title: "GuardDuty is enabled", Severity: results.High},
		{ID: "aws-multiple-active-keys", Title: "One active access key per user", Severity: results.Low},
		{ID: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical},
	}
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: "snapshot.json", Digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			CollectedAt: at, EvaluatedAt: at, Source: snapshot.SourceAPI, CollectionErrors: 1,
			Scopes: []snapshot.Scope{
				{Provider: "aws", Account: "222222222222", Name: "prod", Resource: "arn:aws:iam::222222222222:root", Regions: []string{"eu-west-1"}},
				{Provider: "aws", Account: "333333333333", Name: "dev", Resource: "arn:aws:iam::333333333333:root", Regions: []string{"eu-west-1"}},
			},
		},
		Summary: results.Summarize(controls, rs),
		Errors: []snapshot.CollectionError{{Provider: "aws", Account: "222222222222", Region: "eu-west-1", Service: "guardduty",
			Operation: "ListDetectors", Code: "AccessDeniedException", Message: "denied by SCP"}},
		Results: rs,
	}
}

// golden compares got with testdata/name (go test ./reports -update
// rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

func TestFormatsGolden(t *testing.T) {
	for _, tc := range []struct {
		format, golden string
		opts           Options
	}{
		{"table", "report.table", Options{}},
		{"table", "report.table.color", Options{Color: true}},
		{"json", "report.json", Options{}},
		{"sarif", "report.sarif", ciOptions()},
		{"junit", "report.junit.xml", ciOptions()},
		{"markdown", "report.md", ciOptions()},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			rep, err := New(tc.format, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.Write(&b, sampleReport()); err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata", tc.golden), b.Bytes())
		})
	}
}

func TestTableShowsOnlyWhatNeedsAttention(t *testing.T) {
	var b bytes.Buffer
	if err := (&Table{}).Write(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "root user has no MFA device") || !strings.Contains(out, "guardduty ListDetectors unavailable (AccessDeniedException) in eu-west-1 of 222222222222") {
		t.Errorf("FAIL and ERROR rows missing:\n%s", out)
	}
	if strings.Contains(out, "user/deploy-bot") || strings.Contains(out, "root user has MFA\n") {
		t.Errorf("PASS or WAIVED rows listed:\n%s", out)
	}
	if i, j := strings.Index(out, "CRITICAL"), strings.Index(out, "ERROR ·"); i < 0 || j < 0 || i > j {
		t.Errorf("severity groups out of order:\n%s", out)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("docx", Options{}); err == nil || !strings.Contains(err.Error(), "expected one of "+strings.Join(Formats(), ", ")) || !strings.Contains(err.Error(), "json, junit") {
		t.Errorf("got %v", err)
	}
}

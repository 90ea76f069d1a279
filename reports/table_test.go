package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// scanRegions are the 38 regions of the scan-shaped report.
var scanRegions = func() []string {
	var out []string
	for _, area := range []string{"af-south", "ap-east", "ap-northeast", "ap-south", "ap-southeast", "ca-central", "eu-central", "eu-north", "eu-south", "eu-west", "il-central", "me-central", "me-south", "mx-central", "sa-east", "us-east", "us-west"} {
		for i := 1; i <= 3 && len(out) < 38; i++ {
			out = append(out, fmt.Sprintf("%s-%d", area, i))
		}
	}
	return out[:38]
}()

// scanReport is shaped like a live scan of one account: a control that
// fails in 37 of 38 regions, one that cannot be decided in any region
// because the service answered HTTP 500, a privilege-escalation message
// naming 19 techniques, a long role name, and a failed call no control
// needed.
func scanReport() *results.Report {
	const acct = "111111111111"
	root := "arn:aws:iam::" + acct + ":root"
	var rs []results.Result
	add := func(r results.Result) {
		r.Provider, r.Account = "aws", acct
		r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
		rs = append(rs, r)
	}
	var errs []snapshot.CollectionError
	for i, region := range scanRegions {
		gd := results.Result{Control: "aws-guardduty-enabled", Title: "GuardDuty is enabled in every enabled region", Severity: results.High,
			Region: region, Resource: root, ResourceType: "scope", Status: results.Fail, Message: "GuardDuty has no detector in " + region}
		if i == 0 {
			gd.Status, gd.Message = results.Pass, "GuardDuty is enabled in "+region
		}
		add(gd)
		e := snapshot.CollectionError{Provider: "aws", Account: acct, Region: region, Service: "accessanalyzer", Operation: "ListAnalyzers",
			Code: "HTTP500", Message: "HTTP status 500 without an AWS error code"}
		errs = append(errs, e)
		add(results.Result{Control: "aws-access-analyzer-enabled", Title: "IAM Access Analyzer is active in every enabled region", Severity: results.Medium,
			Region: region, Resource: root, ResourceType: "scope", Status: results.Error,
			Message: "not decided: accessanalyzer ListAnalyzers failed (HTTP500) in " + acct + " " + region + ": " + e.Message,
			Evidence: map[string]any{"collection_error": map[string]any{"service": e.Service, "operation": e.Operation, "code": e.Code,
				"message": e.Message, "account": acct, "region": region, "resource": ""}}})
	}
	errs = append(errs, snapshot.CollectionError{Provider: "aws", Account: acct, Region: "eu-west-1", Service: "ec2", Operation: "DescribeInstances",
		Code: "AccessDenied", Message: "User: arn:aws:sts::111111111111:assumed-role/audit/rampart is not authorized to perform: ec2:DescribeInstances"})
	techniques := []string{"create-policy-version", "set-default-policy-version", "attach-user-policy", "attach-group-policy", "attach-role-policy",
		"put-user-policy", "put-group-policy", "put-role-policy", "add-user-to-group", "update-login-profile", "create-login-profile",
		"create-access-key", "passrole-ec2", "passrole-lambda", "passrole-cloudformation", "passrole-glue", "update-assume-role-policy",
		"assume-any-role", "update-function-code"}
	add(results.Result{Control: "aws-privilege-escalation", Title: "No principal can escalate its own privileges", Severity: results.High,
		Resource: "arn:aws:iam::" + acct + ":role/platform-operations-break-glass-automation", ResourceType: "AWS::IAM::Role", Status: results.Fail,
		Message: "role can escalate to administrator through " + strings.Join(techniques, ", ")})
	add(results.Result{Control: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical, Resource: root,
		ResourceType: "AWS::IAM::RootUser", Status: results.Fail, Message: "root user has no MFA device"})
	add(results.Result{Control: "aws-trust-wildcard-principal", Title: "No role trust policy lets any AWS principal assume the role", Severity: results.Critical,
		Resource: "arn:aws:iam::" + acct + ":role/shared-artifacts-reader", ResourceType: "AWS::IAM::Role", Status: results.Fail,
		Message: "trust policy lets any AWS principal assume the role: no condition pins the organization, account or external ID"})
	add(results.Result{Control: "aws-multiple-active-keys", Title: "Users have at most one active access key", Severity: results.Low,
		Resource: "arn:aws:iam::" + acct + ":user/deploy-bot", ResourceType: "AWS::IAM::User", Status: results.Waived, Message: "rotation in progress"})
	results.Sort(rs)
	controls := []results.Control{
		{ID: "aws-access-analyzer-enabled", Title: "IAM Access Analyzer is active in every enabled region", Severity: results.Medium},
		{ID: "aws-guardduty-enabled", Title: "GuardDuty is enabled in every enabled region", Severity: results.High},
		{ID: "aws-multiple-active-keys", Title: "Users have at most one active access key", Severity: results.Low},
		{ID: "aws-privilege-escalation", Title: "No principal can escalate its own privileges", Severity: results.High},
		{ID: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical},
		{ID: "aws-trust-wildcard-principal", Title: "No role trust policy lets any AWS principal assume the role", Severity: results.Critical},
	}
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: "scan.json", Digest: "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
			CollectedAt: at, EvaluatedAt: at, Source: snapshot.SourceAPI, CollectionErrors: len(errs),
			Scopes: []snapshot.Scope{{Provider: "aws", Account: acct, Name: "prod", Resource: root, Regions: scanRegions}},
		},
		Summary: results.Summarize(controls, rs),
		Errors:  errs,
		Results: rs,
	}
}

// hintForTests stands in for a cloud's hints.
func hintForTests(e snapshot.CollectionError) string {
	switch e.Code {
	case "AccessDenied":
		return "grant " + e.Service + ":" + e.Operation + " to the scanning role"
	case "HTTP500":
		return "the service failed on its side; scan again later"
	}
	return ""
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// assertFits fails for every line wider than width (colour codes take no
// columns).
func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if n := textWidth(ansi.ReplaceAllString(l, "")); n > width {
			t.Errorf("line %d is %d columns, wider than %d:\n%s", i+1, n, width, l)
		}
	}
}

func TestTableFitsTheWidth(t *testing.T) {
	for _, tc := range []struct {
		name   string
		report func() *results.Report
		table  Table
	}{
		{"scan.table.80", scanReport, Table{Width: 80, Hint: hintForTests}},
		{"scan.table.120", scanReport, Table{Width: 120, Hint: hintForTests}},
		{"scan.table.80.color", scanReport, Table{Width: 80, Hint: hintForTests, Color: true}},
		{"report.table.80", sampleReport, Table{Width: 80}},
		{"report.table.120", sampleReport, Table{Width: 120}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.table.Write(&b, tc.report()); err != nil {
				t.Fatal(err)
			}
			assertFits(t, b.String(), tc.table.Width)
			golden(t, tc.name, b.Bytes())
		})
	}
}

// Narrow terminals and huge values still fit.
func TestTableFitsAnyWidth(t *testing.T) {
	r := scanReport()
	r.Results[0].Resource = strings.Repeat("arn:aws:iam::111111111111:role/very-long-name/", 8)
	r.Results[0].Control = strings.Repeat("aws-very-long-control-id-", 5)
	for _, w := range []int{40, 60, 79, 100, 200} {
		var b bytes.Buffer
		if err := (&Table{Width: w, Hint: hintForTests}).Write(&b, r); err != nil {
			t.Fatal(err)
		}
		assertFits(t, b.String(), w)
	}
}

func TestTableFoldsRegionsAndGroupsErrors(t *testing.T) {
	var b bytes.Buffer
	if err := (&Table{Width: 120, Hint: hintForTests}).Write(&b, scanReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"37 of 38 regions, all but af-south-1",
		"GuardDuty has no detector in the region",
		"accessanalyzer ListAnalyzers unavailable (HTTP500) in 38 regions of 111111111111",
		"undecided: aws-access-analyzer-enabled\u00a0×38",
		"next: the service failed on its side; scan again later",
		"ec2 DescribeInstances unavailable (AccessDenied) in eu-west-1 of 111111111111",
		"next: grant ec2:DescribeInstances to the scanning role",
		"rampart policy show aws-root-mfa",
		"rampart errors scan.json",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "GuardDuty has no detector"); n != 1 {
		t.Errorf("the 37 GuardDuty results take %d rows, want 1:\n%s", n, out)
	}
	if strings.Contains(out, "deploy-bot") {
		t.Errorf("WAIVED listed by default:\n%s", out)
	}
	// The full message is the JSON report's; the table cuts it.
	if strings.Contains(out, "update-function-code") || !strings.Contains(out, ellipsis) {
		t.Errorf("a 19-technique message is not cut:\n%s", out)
	}
}

func TestTableStatuses(t *testing.T) {
	var b bytes.Buffer
	if err := (&Table{Width: 100, Statuses: []results.Status{results.Waived}}).Write(&b, scanReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "WAIVED · 1 result") || !strings.Contains(out, "user/deploy-bot") {
		t.Errorf("--status WAIVED lists no waived result:\n%s", out)
	}
	if strings.Contains(out, "CRITICAL · ") || strings.Contains(out, "ERROR · ") {
		t.Errorf("--status WAIVED lists other statuses:\n%s", out)
	}
}

func TestRegionsPhrase(t *testing.T) {
	of := []string{"a-1", "b-1", "c-1", "d-1", "e-1", "f-1"}
	for _, tc := range []struct {
		regions, of []string
		want        string
	}{
		{of, of, "all 6 regions"},
		{of[1:], of, "5 of 6 regions, all but a-1"},
		{of[2:], of, "4 of 6 regions, all but a-1, b-1"},
		{of[:2], of, "a-1, b-1"},
		{of[:4], []string{"a-1", "b-1", "c-1", "d-1", "e-1", "f-1", "g-1", "h-1"}, "4 of 8 regions"},
		{of, nil, "6 regions"},
	} {
		if got := regionsPhrase(tc.regions, tc.of); got != tc.want {
			t.Errorf("regionsPhrase(%v, %v) = %q, want %q", tc.regions, tc.of, got, tc.want)
		}
	}
}

func TestRelativeResource(t *testing.T) {
	scopes := []snapshot.Scope{{Account: "111111111111", Resource: "arn:aws:iam::111111111111:root"}}
	for _, tc := range []struct{ account, resource, want string }{
		{"111111111111", "arn:aws:iam::111111111111:role/x", "role/x"},
		{"111111111111", "arn:aws:iam::111111111111:root", ""},
		{"sub-1", "/subscriptions/sub-1/resourceGroups/rg", "resourceGroups/rg"},
		{"111111111111", "aws_iam_role.wild", "aws_iam_role.wild"},
		{"", "aws_iam_role.wild", "aws_iam_role.wild"},
		{"111111111111", "arn:aws:s3:::bucket-111111111111", "arn:aws:s3:::bucket-111111111111"},
	} {
		r := results.Result{Account: tc.account, Resource: tc.resource}
		if got := relativeResource(r, scopes); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.resource, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in       string
		w, lines int
		want     []string
	}{
		{"a b c", 10, 0, []string{"a b c"}},
		{"aaaa bbbb cccc", 9, 0, []string{"aaaa bbbb", "cccc"}},
		{"aaaa bbbb cccc dddd", 9, 1, []string{"aaaa bbb…"}},
		{"abcdefghij", 4, 0, []string{"abcd", "efgh", "ij"}},
		{"", 5, 0, []string{""}},
	} {
		got := wrapWords(tc.in, tc.w, tc.lines)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapWords(%q, %d, %d) = %q, want %q", tc.in, tc.w, tc.lines, got, tc.want)
		}
	}
	if got := wrapID("arn:aws:iam::111111111111:role/a-long-name", 20, 0); strings.Join(got, "|") != "arn:aws:iam::|111111111111:role/a-|long-name" {
		t.Errorf("wrapID: %q", got)
	}
}

func TestErrorsGolden(t *testing.T) {
	r := scanReport()
	for _, tc := range []struct{ name, format string }{
		{"scan.errors.80", "table"},
		{"scan.errors.json", "json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteErrors(&b, r, tc.format, Options{Width: 80, Hint: hintForTests}); err != nil {
				t.Fatal(err)
			}
			if tc.format == "table" {
				assertFits(t, b.String(), 80)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
	var b bytes.Buffer
	if err := WriteErrors(&b, r, "xml", Options{}); err == nil {
		t.Error("an unknown format was accepted")
	}
}

func TestMarkdownScanGolden(t *testing.T) {
	var b bytes.Buffer
	if err := (Markdown{Hint: hintForTests}).Write(&b, scanReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "scan.md", b.Bytes())
}

// Markers of what a plan does not show are not errors: no cause, no
// count.
func TestNotInPlanIsNoError(t *testing.T) {
	r := sampleReport()
	r.Errors = append(r.Errors, snapshot.CollectionError{Provider: "aws", Account: "333333333333", Service: "cloudtrail", Operation: "*", Code: snapshot.CodeNotInPlan, Message: "the plan does not show the account's trails"})
	causes, _ := groupCauses(r.Errors, r.Results, nil)
	if len(causes) != 1 || causes[0].Error.Code != "AccessDeniedException" {
		t.Errorf("causes: %+v", causes)
	}
}

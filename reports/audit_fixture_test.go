package reports

import (
	"fmt"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// auditReport is the fixture of the audit formats (html, pdf, ocsf, csv):
// two providers, a control failing in 37 of 38 regions of one account, a
// waived result with its waiver, an ERROR caused by a collection error,
// and text that must be escaped (markup, a spreadsheet formula).
func auditReport() *results.Report {
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var rs []results.Result
	add := func(r results.Result) {
		r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
		rs = append(rs, r)
	}
	gd := results.Result{Control: "aws-guardduty-enabled", Title: "GuardDuty is enabled in every enabled region", Severity: results.High,
		Provider: "aws", Account: "333333333333", Resource: "arn:aws:iam::333333333333:root", ResourceType: "AWS::GuardDuty::Detector",
		Remediation: "aws guardduty create-detector --enable --region <region>", MITRE: []string{"T1562.008"}, Escalation: "CISO + SOC Lead"}
	for i := 0; i < 38; i++ {
		r := gd
		r.Region = fmt.Sprintf("region-%02d", i)
		r.Status, r.Message, r.Evidence = results.Fail, "no detector", map[string]any{"detectors": []any{}}
		if i == 0 {
			r.Status, r.Message, r.Evidence = results.Pass, "detector enabled", map[string]any{"detectors": []any{"d-1"}}
		}
		add(r)
	}
	add(results.Result{Control: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical, Status: results.Fail, Provider: "aws",
		Account: "333333333333", Resource: "arn:aws:iam::333333333333:root", ResourceType: "AWS::IAM::RootUser",
		Message: "root user has no MFA device", Evidence: map[string]any{"mfa_active": false},
		Remediation: "Sign in as root and enable MFA (IAM console > Security credentials),\npreferably a hardware key.\nCheck with: aws iam get-account-summary",
		Frameworks:  map[string][]string{"cis-aws-foundations-3.0": {"1.5"}}, MITRE: []string{"T1078.004"}, Escalation: "CISO + Cloud team"})
	add(results.Result{Control: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical, Status: results.Pass, Provider: "aws",
		Account: "222222222222", Resource: "arn:aws:iam::222222222222:root", ResourceType: "AWS::IAM::RootUser", Message: "root user has MFA",
		Frameworks: map[string][]string{"cis-aws-foundations-3.0": {"1.5"}}, MITRE: []string{"T1078.004"}, Escalation: "CISO + Cloud team"})
	add(results.Result{Control: "aws-user-direct-policies", Title: "IAM users get permissions only through groups", Severity: results.Medium, Status: results.Fail,
		Provider: "aws", Account: "222222222222", Resource: "arn:aws:iam::222222222222:user/<script>alert(1)</script>", ResourceType: "AWS::IAM::User",
		Message: "=HYPERLINK(\"http://evil.example\",\"click\") has an inline policy", Evidence: map[string]any{"inline": []any{"x"}},
		Remediation: "Move the user's policies to a group.", Frameworks: map[string][]string{"cis-aws-foundations-3.0": {"1.15"}}, Escalation: "Cloud team"})
	add(results.Result{Control: "aws-multiple-active-keys", Title: "One active access key per user", Severity: results.Low, Status: results.Waived,
		Provider: "aws", Account: "222222222222", Resource: "arn:aws:iam::222222222222:user/deploy-bot", ResourceType: "AWS::IAM::User",
		Message: "waived: key rotation in progress", Evidence: map[string]any{"active_keys": 2, "waiver": map[string]any{
			"reason": "key rotation in progress", "approved_by": "sec-lead@example.com", "expires": "2026-11-20",
			"file": "waivers.yaml", "line": 3, "resource_pattern": "*user/deploy-bot", "waived_status": "FAIL", "waived_message": "2 active keys"}},
		Frameworks: map[string][]string{"cis-aws-foundations-3.0": {"1.13"}}, Escalation: "Cloud team"})
	add(results.Result{Control: "gcp-sa-key-age", Title: "Service account keys are rotated", Severity: results.High, Status: results.Error,
		Provider: "gcp", Account: "example-project-1", Resource: "projects/example-project-1", ResourceType: "scope",
		Message: "not decided: cloudasset SearchAllIamPolicies failed (PermissionDenied) in example-project-1: caller lacks cloudasset.assets.searchAllIamPolicies",
		Evidence: map[string]any{"collection_error": map[string]any{"service": "cloudasset", "operation": "SearchAllIamPolicies", "code": "PermissionDenied",
			"message": "caller lacks cloudasset.assets.searchAllIamPolicies", "account": "example-project-1", "region": "", "resource": ""}},
		Remediation: "gcloud iam service-accounts keys delete KEY_ID --iam-account SA", Frameworks: map[string][]string{"cis-gcp-foundations-2.0": {"1.7"}},
		MITRE: []string{"T1098.001"}, Escalation: "Cloud team"})
	add(results.Result{Control: "gcp-sa-key-age", Title: "Service account keys are rotated", Severity: results.High, Status: results.Pass,
		Provider: "gcp", Account: "example-project-2", Resource: "projects/example-project-2/serviceAccounts/ci@example-project-2.iam.gserviceaccount.com",
		ResourceType: "iam.googleapis.com/ServiceAccount", Message: "no user-managed key older than 90 days",
		Frameworks: map[string][]string{"cis-gcp-foundations-2.0": {"1.7"}}, MITRE: []string{"T1098.001"}, Escalation: "Cloud team"})
	results.Sort(rs)
	controls := []results.Control{
		{ID: "aws-guardduty-enabled", Title: "GuardDuty is enabled in every enabled region", Severity: results.High},
		{ID: "aws-multiple-active-keys", Title: "One active access key per user", Severity: results.Low},
		{ID: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical},
		{ID: "aws-user-direct-policies", Title: "IAM users get permissions only through groups", Severity: results.Medium},
		{ID: "gcp-sa-key-age", Title: "Service account keys are rotated", Severity: results.High},
	}
	regions := make([]string, 38)
	for i := range regions {
		regions[i] = fmt.Sprintf("region-%02d", i)
	}
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: "snapshot.json", Digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			CollectedAt: at, EvaluatedAt: at, Source: snapshot.SourceAPI, CollectionErrors: 2,
			Scopes: []snapshot.Scope{
				{Provider: "aws", Account: "222222222222", Name: "prod", Resource: "arn:aws:iam::222222222222:root", Regions: regions},
				{Provider: "aws", Account: "333333333333", Name: "dev", Resource: "arn:aws:iam::333333333333:root", Regions: regions},
				{Provider: "gcp", Account: "example-project-1", Name: "payments", Resource: "projects/example-project-1"},
				{Provider: "gcp", Account: "example-project-2", Resource: "projects/example-project-2"},
			},
		},
		Summary: results.Summarize(controls, rs),
		Results: rs,
	}
}

// auditOptions are the options the CLI gives the audit formats.
func auditOptions() Options {
	return Options{
		Version: "1.2.3",
		Rules: map[string]results.Control{
			"aws-root-mfa": {ID: "aws-root-mfa", Title: "Root user has MFA", Severity: results.Critical,
				Description: "The root user can do anything in the account. A stolen root password without MFA is a takeover.",
				Frameworks:  map[string][]string{"cis-aws-foundations-3.0": {"1.5"}}, MITRE: []string{"T1078.004"}},
		},
		Provenance: &Provenance{
			CommandLine: []string{"rampart", "eval", "snapshot.json", "--format", "html", "--waivers", "my waivers.yaml"},
			Collector:   snapshot.Collector{Name: "rampart", Version: "1.2.3"},
			Catalogue:   "sha256:feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface",
			Notes:       []string{"control metadata from catalogue sha256:0000"},
			CollectionErrors: []snapshot.CollectionError{
				{Provider: "gcp", Account: "example-project-1", Service: "cloudasset", Operation: "SearchAllIamPolicies", Code: "PermissionDenied",
					Message: "caller lacks cloudasset.assets.searchAllIamPolicies"},
				{Provider: "aws", Account: "222222222222", Region: "region-07", Service: "ec2", Operation: "DescribeInstances", Code: "RequestLimitExceeded",
					Message: "throttled"},
			},
		},
	}
}

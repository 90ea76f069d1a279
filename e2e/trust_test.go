package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// trustCase is one role of the trust matrix and what each trust control
// must say of it ("" = no result: the control does not judge that role).
type trustCase struct {
	role, trust                         string
	wildcard, crossAccount, extID, oidc string
}

const (
	allow  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":`
	ghOIDC = `{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}`
)

// The exact trust analysis, end to end: every principal form and pinning
// condition of the AWS catalogue issue, created in moto through the SDK,
// collected by the real collector (trust policies come back URL-encoded and
// must round-trip unchanged, single values and lists alike) and judged by
// the built binary. The moto account is 123456789012; the config trusts
// the vendor 999999999999 and names the organization o-exampleorg1.
func TestTrustAnalysisEndToEnd(t *testing.T) {
	cases := []trustCase{
		{"star", allow + `"*"}]}`, "FAIL", "FAIL", "", ""},
		{"aws-star-org-pinned", allow + `{"AWS":"*"},"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}}]}`, "PASS", "PASS", "", ""},
		{"aws-star-org-any", allow + `{"AWS":"*"},"Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}]}`, "FAIL", "FAIL", "", ""},
		{"aws-star-org-ifexists", allow + `{"AWS":"*"},"Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorg1"}}}]}`, "FAIL", "FAIL", "", ""},
		{"aws-star-account-pinned", allow + `{"AWS":"*"},"Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}`, "PASS", "PASS", "", ""},
		{"not-principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"}}]}`, "FAIL", "FAIL", "", ""},
		{"stranger-bare-id", allow + `{"AWS":"888888888888"}}]}`, "PASS", "FAIL", "FAIL", ""},
		{"vendor-with-external-id", allow + `{"AWS":"arn:aws:iam::999999999999:root"},"Condition":{"StringEquals":{"sts:ExternalId":"vendor-7f3a"}}}]}`, "PASS", "PASS", "PASS", ""},
		{"vendor-external-id-star", allow + `{"AWS":"arn:aws:iam::999999999999:root"},"Condition":{"StringLike":{"sts:ExternalId":"*"}}}]}`, "PASS", "PASS", "FAIL", ""},
		{"vendor-list-no-external-id", allow + `{"AWS":["999999999999"]}}]}`, "PASS", "PASS", "FAIL", ""},
		{"mixed-list", allow + `{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::888888888888:role/ops"]}}]}`, "PASS", "FAIL", "FAIL", ""},
		{"own-role", allow + `{"AWS":"arn:aws:iam::123456789012:role/admin"}}]}`, "PASS", "PASS", "", ""},
		{"deny-only-names-strangers", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::123456789012:root"}},{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"AWS":["*","888888888888"]}}]}`, "PASS", "PASS", "", ""},
		{"services", allow + `{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]}}]}`, "PASS", "PASS", "", ""},
		{"github-pinned", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":` + ghOIDC + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}}]}`, "PASS", "PASS", "", "PASS"},
		{"github-repo-wildcard-ok", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":` + ghOIDC + `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}}]}`, "PASS", "PASS", "", "PASS"},
		{"github-org-wide", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":` + ghOIDC + `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}}]}`, "PASS", "PASS", "", "FAIL"},
		{"github-any-repo", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":` + ghOIDC + `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}}]}`, "PASS", "PASS", "", "FAIL"},
		{"github-aud-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":` + ghOIDC + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}`, "PASS", "PASS", "", "FAIL"},
	}
	url := awstest.Need(t)
	b := awstest.NewBuilder(t, url)
	for _, c := range cases {
		b.Role(c.role, "/", c.trust)
	}
	cfg := filepath.Join(t.TempDir(), "rampart.yaml")
	if err := os.WriteFile(cfg, []byte("aws:\n  trusted_accounts: ['999999999999']\n  organization_id: o-exampleorg1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runRampart(t, url, "scan", "aws", "--regions", "us-east-1", "--format", "json", "--quiet", "--config", cfg,
		"--control", "aws-trust-wildcard-principal,aws-cross-account-trust,aws-cross-account-no-external-id,aws-oidc-trust-unrestricted")
	var report struct{ Results []result }
	if err := json.Unmarshal(stdout, &report); err != nil {
		t.Fatalf("report is not JSON (exit %d): %v\nstderr: %s", code, err, stderr)
	}
	got := map[string]string{}
	for _, r := range report.Results {
		got[r.Control+" "+r.Resource] = r.Status
	}
	for _, c := range cases {
		arn := "arn:aws:iam::123456789012:role/" + c.role
		for control, want := range map[string]string{
			"aws-trust-wildcard-principal":     c.wildcard,
			"aws-cross-account-trust":          c.crossAccount,
			"aws-cross-account-no-external-id": c.extID,
			"aws-oidc-trust-unrestricted":      c.oidc,
		} {
			if g := got[control+" "+arn]; g != want {
				t.Errorf("%s on %s: got %q, want %q", control, c.role, g, want)
			}
		}
	}
}

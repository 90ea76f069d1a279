package terraform_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	tfaws "github.com/rampart-sec/rampart/collectors/terraform/aws"
	tfazure "github.com/rampart-sec/rampart/collectors/terraform/azure"
	tfgcp "github.com/rampart-sec/rampart/collectors/terraform/gcp"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

// epoch is the clock of plans without a timestamp, so goldens are stable.
var epoch = func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

// plans are the plans of testdata/ (PROVENANCE.md says where each is
// from); each maps to the snapshot in testdata/NAME.snapshot.json.
var plans = []string{
	"regula_admin_policy", "regula_user_attached_policy", "regula_cloudtrail_log_validation",
	"regula_password_length", "regula_azurerm_storage", "checkov_iam_policies", "checkov_github_oidc",
	"checkov_terragoat", "tgc_iam_binding", "synthetic_guardrails", "synthetic_unknown_account", "synthetic_scp",
	"synthetic_azure_identity", "synthetic_azure_monitoring",
	"mm_organization_iam_member", "mm_project_iam", "mm_project_iam_member_empty_project", "mm_project_iam_policy",
	"mm_service_account", "synthetic_gcp", "synthetic_plan_refs", "synthetic_provider_accounts", "synthetic_outside_plan",
	"synthetic_plan_compute", "synthetic_unknown_grantee",
}

// providers are every provider mapper, as rampart eval uses them.
func providers() []tf.Provider { return []tf.Provider{tfaws.New(nil), tfazure.New(), tfgcp.New()} }

func mapFile(t testing.TB, name string) *snapshot.Snapshot {
	t.Helper()
	path := filepath.Join("testdata", name+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tf.Map(path, data, tf.Options{Providers: providers(), Now: epoch, Version: "test"})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// The whole mapped snapshot is compared, so any change in what a plan
// becomes is a reviewed diff (go test ./collectors/terraform -update).
func TestSnapshotGolden(t *testing.T) {
	for _, name := range plans {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := snapshot.Encode(&got, mapFile(t, name)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".snapshot.json")
			testutil.Golden(t, golden, got.Bytes())
			// What the mapping writes must be a valid snapshot.
			if _, err := snapshot.Decode(golden, got.Bytes()); err != nil {
				t.Errorf("mapped snapshot does not decode: %v", err)
			}
		})
	}
}

// Resources being deleted are not evaluated; replaced ones are.
func TestDeletedResourcesAreLeftOut(t *testing.T) {
	s := mapFile(t, "synthetic_guardrails")
	for _, r := range s.AWS.Accounts[0].Roles {
		if r.ARN == "aws_iam_role.gone" {
			t.Error("a role being deleted was mapped")
		}
	}
}

// A plan without resource_changes (trimmed by hand or by a tool) is read
// from planned_values, child modules included; nothing in it is unknown.
func TestPlannedValuesFallback(t *testing.T) {
	data := `{"format_version": "0.1", "planned_values": {"root_module": {
		"resources": [{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "values": {"name": "a", "path": "/"}}],
		"child_modules": [{"address": "module.m", "resources": [],
			"child_modules": [{"address": "module.m.module.n[\"x\"]", "resources": [
				{"address": "module.m.module.n[\"x\"].aws_iam_role.r[0]", "mode": "managed", "type": "aws_iam_role", "name": "r", "index": 0,
				 "values": {"name": "r", "path": "/", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}},
				{"address": "module.m.module.n[\"x\"].data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d", "values": {}}
			]}]}]}}}`
	s, err := tf.Map("p.json", []byte(data), tf.Options{Providers: providers(), Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	a := s.AWS.Accounts[0]
	if len(a.Users) != 1 || len(a.Roles) != 1 || a.Roles[0].ARN != `module.m.module.n["x"].aws_iam_role.r[0]` || a.Roles[0].TrustPolicy == nil {
		t.Errorf("users %+v roles %+v", a.Users, a.Roles)
	}
}

package gcp

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"cloud.google.com/go/asset/apiv1/assetpb"
	"google.golang.org/protobuf/encoding/protojson"
)

// exportNDJSON writes the assets of one content type as `gcloud asset
// export` does: one asset per line, proto (snake_case) field names.
func exportNDJSON(t *testing.T, w *world, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, a := range w.assets {
		var keep *assetpb.Asset
		switch {
		case content == "RESOURCE" && a.GetResource() != nil:
			keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, Resource: a.Resource}
		case content == "IAM_POLICY" && a.GetIamPolicy() != nil:
			keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, IamPolicy: a.IamPolicy}
		case content == "ORG_POLICY" && len(a.GetOrgPolicy()) > 0:
			keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, OrgPolicy: a.OrgPolicy}
		}
		if keep == nil {
			continue
		}
		line, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(keep)
		if err != nil {
			t.Fatal(err)
		}
		// protojson varies its spacing from run to run on purpose; the
		// example files must be the same bytes every time.
		if err := json.Compact(&b, line); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// camelCase (gcloud asset list --format=json) and snake_case
// (gcloud asset export) read the same.
func TestFieldNameStyles(t *testing.T) {
	snake := `{"name":"//cloudresourcemanager.googleapis.com/projects/333","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"audit_configs":[{"service":"allServices","audit_log_configs":[{"log_type":1},{"log_type":"DATA_READ","exempted_members":["user:a@example.com"]}]}]}}`
	camel := `[{"name":"//cloudresourcemanager.googleapis.com/projects/333","assetType":"cloudresourcemanager.googleapis.com/Project","iamPolicy":{"auditConfigs":[{"service":"allServices","auditLogConfigs":[{"logType":"ADMIN_READ"},{"logType":3,"exemptedMembers":["user:a@example.com"]}]}]}}]`
	var got []string
	for _, in := range []string{snake, camel} {
		if !IsExport([]byte(in)) {
			t.Fatalf("not recognised: %s", in)
		}
		s, err := Import([]File{{Name: "x.json", Data: []byte(in)}}, ImportOptions{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		p := s.GCP.Projects[0].IAMPolicy.AuditConfigs[0]
		got = append(got, p.LogConfigs[0].LogType+" "+p.LogConfigs[1].LogType+" "+strings.Join(p.LogConfigs[1].ExemptedMembers, ","))
	}
	for _, g := range got {
		if g != "ADMIN_READ DATA_READ user:a@example.com" {
			t.Errorf("read %q", g)
		}
	}
}

// Bad input: one line naming file, position and what was expected.
func TestBadExports(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"ndjson line not an asset", "{\"name\":\"//cloudresourcemanager.googleapis.com/projects/1\",\"asset_type\":\"cloudresourcemanager.googleapis.com/Project\"}\n{\"name\": 3}\n", "x.json:2:1: expected a Cloud Asset Inventory asset"},
		{"ndjson truncated line", "{\"name\":\"//cloudresourcemanager.googleapis.com/projects/1\",\"asset_type\":\"cloudresourcemanager.googleapis.com/Project\"}\n{\"name\":\"//x\n", "x.json:2:1: expected a Cloud Asset Inventory asset"},
		{"array element without type", "[\n {\"name\":\"//cloudresourcemanager.googleapis.com/projects/1\",\"asset_type\":\"cloudresourcemanager.googleapis.com/Project\"},\n {\"name\":\"//storage.googleapis.com/b\"}\n]", `x.json:3:2: expected a Cloud Asset Inventory asset with a full resource "name"`},
		{"array wrong field type", "[{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"ancestors\":\"projects/1\"}]", "x.json:1:2: expected a Cloud Asset Inventory asset"},
		{"truncated array", "[{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\"}", "x.json:1:"},
		{"empty array", "[]", "x.json: no Cloud Asset Inventory assets"},
		{"trailing data", "[{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\"}] {}", "x.json:1:87: unexpected data after the JSON array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadExport("x.json", []byte(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line starting %q", err, tc.want)
			}
		})
	}
}

// Recognition is by content: snapshots, plans and other JSON are not
// exports.
func TestIsExport(t *testing.T) {
	for in, want := range map[string]bool{
		`{"name":"//iam.googleapis.com/projects/p/serviceAccounts/1","asset_type":"iam.googleapis.com/ServiceAccount"}`:  true,
		`[{"name":"//iam.googleapis.com/projects/p/serviceAccounts/1","assetType":"iam.googleapis.com/ServiceAccount"}]`: true,
		`{"schema":"rampart.snapshot/v1"}`:             false,
		`{"format_version":"1.2","planned_values":{}}`: false,
		`[{"name":"projects/p","asset_type":"x"}]`:     false,
		`[]`:       false,
		`not json`: false,
	} {
		if got := IsExport([]byte(in)); got != want {
			t.Errorf("IsExport(%s) = %v, want %v", in, got, want)
		}
	}
}

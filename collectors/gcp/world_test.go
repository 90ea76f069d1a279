package gcp

import (
	"fmt"
	"sort"

	"cloud.google.com/go/asset/apiv1/assetpb"
	"cloud.google.com/go/iam/apiv1/iampb"
	"cloud.google.com/go/orgpolicy/apiv1/orgpolicypb"
	"google.golang.org/genproto/googleapis/type/expr"
	"google.golang.org/protobuf/types/known/structpb"
)

// A world is the assets Cloud Asset Inventory would hold for an
// organization: every resource, IAM policy and org policy as its own
// asset, each with the ancestors CAI gives.
type world struct {
	assets []*assetpb.Asset
}

func (w *world) add(a *assetpb.Asset) { w.assets = append(w.assets, a) }

func data(m map[string]any) *structpb.Struct {
	s, err := structpb.NewStruct(m)
	if err != nil {
		panic(err)
	}
	return s
}

func res(parent string, d map[string]any) *assetpb.Resource {
	return &assetpb.Resource{Version: "v1", Parent: parent, Data: data(d)}
}

func policy(bs ...*iampb.Binding) *iampb.Policy { return &iampb.Policy{Version: 3, Bindings: bs} }

func bind(role string, members ...string) *iampb.Binding {
	return &iampb.Binding{Role: role, Members: members}
}

func boolPolicy(constraint string, enforced bool) *orgpolicypb.Policy {
	return &orgpolicypb.Policy{Constraint: "constraints/" + constraint, PolicyType: &orgpolicypb.Policy_BooleanPolicy_{BooleanPolicy: &orgpolicypb.Policy_BooleanPolicy{Enforced: enforced}}}
}

func listPolicy(constraint string, l *orgpolicypb.Policy_ListPolicy) *orgpolicypb.Policy {
	return &orgpolicypb.Policy{Constraint: "constraints/" + constraint, PolicyType: &orgpolicypb.Policy_ListPolicy_{ListPolicy: l}}
}

// level adds a hierarchy level as up to three assets, one per content type,
// the way ListAssets returns them.
func (w *world) level(name, assetType string, ancestors []string, d map[string]any, parent string, iam *iampb.Policy, ops []*orgpolicypb.Policy) {
	w.add(&assetpb.Asset{Name: name, AssetType: assetType, Ancestors: ancestors, Resource: res(parent, d)})
	if iam != nil {
		w.add(&assetpb.Asset{Name: name, AssetType: assetType, Ancestors: ancestors, IamPolicy: iam})
	}
	if len(ops) > 0 {
		w.add(&assetpb.Asset{Name: name, AssetType: assetType, Ancestors: ancestors, OrgPolicy: ops})
	}
}

const (
	orgFull    = crm + "organizations/111"
	folderFull = crm + "folders/222"
)

// knownWorld is the organization the collector tests scan: every control
// has something to judge in it, and a project (denied-app) that the
// permission test refuses.
func knownWorld() *world {
	w := &world{}
	orgAnc := []string{"organizations/111"}
	w.level(orgFull, typeOrganization, orgAnc,
		map[string]any{"name": "organizations/111", "displayName": "example.com", "lifecycleState": "ACTIVE", "owner": map[string]any{"directoryCustomerId": "C01abcd2e"}}, "",
		&iampb.Policy{
			Bindings: []*iampb.Binding{bind("roles/owner", "group:admins@example.com"), bind("roles/viewer", "domain:example.com")},
			AuditConfigs: []*iampb.AuditConfig{{Service: "allServices", AuditLogConfigs: []*iampb.AuditLogConfig{
				{LogType: iampb.AuditLogConfig_ADMIN_READ}, {LogType: iampb.AuditLogConfig_DATA_READ}, {LogType: iampb.AuditLogConfig_DATA_WRITE},
			}}},
		},
		[]*orgpolicypb.Policy{
			listPolicy("iam.allowedPolicyMemberDomains", &orgpolicypb.Policy_ListPolicy{AllowedValues: []string{"is:C01abcd2e"}}),
			boolPolicy("iam.disableServiceAccountKeyCreation", true),
		})
	folderAnc := []string{"folders/222", "organizations/111"}
	w.level(folderFull, typeFolder, folderAnc,
		map[string]any{"name": "folders/222", "parent": "organizations/111", "displayName": "apps", "lifecycleState": "ACTIVE"}, orgFull,
		policy(bind("roles/resourcemanager.folderAdmin", "serviceAccount:ci@prod-app.iam.gserviceaccount.com")),
		[]*orgpolicypb.Policy{boolPolicy("iam.disableServiceAccountKeyCreation", false)})
	prodAnc := []string{"projects/333", "folders/222", "organizations/111"}
	w.level(crm+"projects/333", typeProject, prodAnc,
		map[string]any{"projectNumber": "333", "projectId": "prod-app", "lifecycleState": "ACTIVE", "name": "Prod", "parent": map[string]any{"type": "folder", "id": "222"}}, folderFull,
		&iampb.Policy{Bindings: []*iampb.Binding{
			bind("roles/editor", "serviceAccount:333-compute@developer.gserviceaccount.com", "user:dev@example.com"),
			bind("roles/viewer", "user:someone@gmail.com", "allAuthenticatedUsers"),
			{Role: "roles/iam.serviceAccountUser", Members: []string{"group:deployers@example.com"}, Condition: &expr.Expr{Title: "weekdays", Expression: "request.time.getDayOfWeek() < 5"}},
		}},
		[]*orgpolicypb.Policy{listPolicy("iam.allowedPolicyMemberDomains", &orgpolicypb.Policy_ListPolicy{AllValues: orgpolicypb.Policy_ListPolicy_ALLOW})})
	devAnc := []string{"projects/444", "organizations/111"}
	w.level(crm+"projects/444", typeProject, devAnc,
		map[string]any{"projectNumber": "444", "projectId": "dev-app", "lifecycleState": "ACTIVE", "name": "Dev", "parent": map[string]any{"type": "organization", "id": "111"}}, orgFull,
		&iampb.Policy{
			Bindings: []*iampb.Binding{bind("roles/viewer", "group:devs@example.com", "serviceAccount:reader@dev-app.iam.gserviceaccount.com")},
			AuditConfigs: []*iampb.AuditConfig{{Service: "allServices", AuditLogConfigs: []*iampb.AuditLogConfig{
				{LogType: iampb.AuditLogConfig_DATA_READ, ExemptedMembers: []string{"serviceAccount:reader@dev-app.iam.gserviceaccount.com"}},
			}}},
		}, nil)
	deniedAnc := []string{"projects/555", "organizations/111"}
	w.level(crm+"projects/555", typeProject, deniedAnc,
		map[string]any{"projectNumber": "555", "projectId": "denied-app", "lifecycleState": "ACTIVE", "name": "Denied"}, orgFull,
		policy(bind("roles/owner", "user:owner@example.com")), nil)

	// Resources of prod-app.
	saAnc := prodAnc
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", AssetType: typeSA, Ancestors: saAnc,
		Resource: res(crm+"projects/333", map[string]any{"email": "ci@prod-app.iam.gserviceaccount.com", "uniqueId": "100000000000000000001", "projectId": "prod-app", "displayName": "CI"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000002", AssetType: typeSA, Ancestors: saAnc,
		Resource: res(crm+"projects/333", map[string]any{"email": "333-compute@developer.gserviceaccount.com", "uniqueId": "100000000000000000002", "projectId": "prod-app", "displayName": "Compute Engine default service account"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/prod-app/serviceAccounts/ci@prod-app.iam.gserviceaccount.com/keys/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", AssetType: typeSAKey, Ancestors: saAnc,
		Resource: res("//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", map[string]any{"keyType": "USER_MANAGED", "validAfterTime": "2025-06-01T00:00:00Z", "validBeforeTime": "9999-12-31T23:59:59Z", "keyAlgorithm": "KEY_ALG_RSA_2048"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/prod-app/serviceAccounts/ci@prod-app.iam.gserviceaccount.com/keys/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2", AssetType: typeSAKey, Ancestors: saAnc,
		Resource: res("//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", map[string]any{"keyType": "SYSTEM_MANAGED", "validAfterTime": "2026-02-20T00:00:00Z", "validBeforeTime": "2026-03-08T00:00:00Z"})})
	// The service account's own IAM policy (a resource-level policy).
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001", AssetType: typeSA, Ancestors: saAnc,
		IamPolicy: policy(bind("roles/iam.serviceAccountTokenCreator", "user:dev@example.com"))})
	w.add(&assetpb.Asset{Name: "//storage.googleapis.com/prod-public-assets", AssetType: "storage.googleapis.com/Bucket", Ancestors: saAnc,
		IamPolicy: policy(bind("roles/storage.objectViewer", "allUsers"))})
	w.add(&assetpb.Asset{Name: "//logging.googleapis.com/organizations/111/sinks/all-logs", AssetType: typeSink, Ancestors: orgAnc,
		Resource: res(orgFull, map[string]any{"name": "all-logs", "destination": "bigquery.googleapis.com/projects/sec-logs/datasets/all", "filter": "", "includeChildren": false})})
	w.add(&assetpb.Asset{Name: "//logging.googleapis.com/projects/333/sinks/prod-all", AssetType: typeSink, Ancestors: prodAnc,
		Resource: res(crm+"projects/333", map[string]any{"name": "prod-all", "destination": "storage.googleapis.com/prod-log-archive", "filter": ""})})
	w.add(&assetpb.Asset{Name: "//logging.googleapis.com/projects/333/sinks/_Default", AssetType: typeSink, Ancestors: prodAnc,
		Resource: res(crm+"projects/333", map[string]any{"name": "_Default", "destination": "logging.googleapis.com/projects/333/locations/global/buckets/_Default", "filter": "NOT LOG_ID(\"cloudaudit.googleapis.com/activity\")"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/333/locations/global/workloadIdentityPools/ci/providers/github", AssetType: typeWIFProvider, Ancestors: prodAnc,
		Resource: res(crm+"projects/333", map[string]any{"state": "ACTIVE", "attributeMapping": map[string]any{"google.subject": "assertion.sub"}, "oidc": map[string]any{"issuerUri": "https://token.actions.githubusercontent.com"}})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/444/locations/global/workloadIdentityPools/ci/providers/gitlab", AssetType: typeWIFProvider, Ancestors: devAnc,
		Resource: res(crm+"projects/444", map[string]any{"state": "ACTIVE", "attributeCondition": "assertion.namespace_path == 'example-group'", "attributeMapping": map[string]any{"google.subject": "assertion.sub"}, "oidc": map[string]any{"issuerUri": "https://gitlab.com"}})})
	w.add(&assetpb.Asset{Name: "//compute.googleapis.com/projects/prod-app/zones/europe-west1-b/instances/web-1", AssetType: typeInstance, Ancestors: prodAnc,
		Resource: res(crm+"projects/333", map[string]any{"name": "web-1", "status": "RUNNING", "serviceAccounts": []any{map[string]any{"email": "333-compute@developer.gserviceaccount.com", "scopes": []any{"https://www.googleapis.com/auth/cloud-platform"}}}})})
	// Resources of dev-app.
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/dev-app/serviceAccounts/100000000000000000003", AssetType: typeSA, Ancestors: devAnc,
		Resource: res(crm+"projects/444", map[string]any{"email": "reader@dev-app.iam.gserviceaccount.com", "uniqueId": "100000000000000000003", "projectId": "dev-app"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/dev-app/serviceAccounts/100000000000000000004", AssetType: typeSA, Ancestors: devAnc,
		Resource: res(crm+"projects/444", map[string]any{"email": "dev-app@appspot.gserviceaccount.com", "uniqueId": "100000000000000000004", "projectId": "dev-app", "displayName": "App Engine default service account"})})
	w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/dev-app/serviceAccounts/reader@dev-app.iam.gserviceaccount.com/keys/ccccccccccccccccccccccccccccccccccccccc3", AssetType: typeSAKey, Ancestors: devAnc,
		Resource: res("//iam.googleapis.com/projects/dev-app/serviceAccounts/100000000000000000003", map[string]any{"keyType": "USER_MANAGED", "validAfterTime": "2026-02-01T00:00:00Z", "validBeforeTime": "9999-12-31T23:59:59Z"})})
	w.add(&assetpb.Asset{Name: "//compute.googleapis.com/projects/dev-app/zones/europe-west1-b/instances/batch-1", AssetType: typeInstance, Ancestors: devAnc,
		Resource: res(crm+"projects/444", map[string]any{"name": "batch-1", "status": "TERMINATED", "serviceAccounts": []any{map[string]any{"email": "reader@dev-app.iam.gserviceaccount.com", "scopes": []any{"https://www.googleapis.com/auth/cloud-platform"}}}})})
	w.add(&assetpb.Asset{Name: "//orgpolicy.googleapis.com/projects/444/policies/iam.managed.disableServiceAccountKeyCreation", AssetType: typeOrgPolicyV2, Ancestors: devAnc,
		Resource: res(crm+"projects/444", map[string]any{"name": "projects/444/policies/iam.managed.disableServiceAccountKeyCreation", "spec": map[string]any{"rules": []any{map[string]any{"enforce": true}}}})})
	return w
}

// generatedWorld is an organization of n projects under one folder, each
// with a service account, a key and an instance: the shape whose cost the
// RPC count test measures.
func generatedWorld(n int) *world {
	w := &world{}
	w.level(orgFull, typeOrganization, []string{"organizations/111"}, map[string]any{"displayName": "example.com"}, "", policy(bind("roles/viewer", "domain:example.com")), []*orgpolicypb.Policy{boolPolicy("iam.disableServiceAccountKeyCreation", true)})
	w.level(folderFull, typeFolder, []string{"folders/222", "organizations/111"}, map[string]any{"displayName": "apps"}, orgFull, policy(), nil)
	for i := range n {
		num := fmt.Sprintf("%d", 100000+i)
		id := fmt.Sprintf("gen-%d", i)
		anc := []string{"projects/" + num, "folders/222", "organizations/111"}
		w.level(crm+"projects/"+num, typeProject, anc, map[string]any{"projectNumber": num, "projectId": id}, folderFull, policy(bind("roles/editor", "user:dev@example.com")), nil)
		w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/" + id + "/serviceAccounts/" + num, AssetType: typeSA, Ancestors: anc, Resource: res(crm+"projects/"+num, map[string]any{"email": "app@" + id + ".iam.gserviceaccount.com", "projectId": id})})
		w.add(&assetpb.Asset{Name: "//iam.googleapis.com/projects/" + id + "/serviceAccounts/app@" + id + ".iam.gserviceaccount.com/keys/k" + num, AssetType: typeSAKey, Ancestors: anc, Resource: res(crm+"projects/"+num, map[string]any{"keyType": "SYSTEM_MANAGED"})})
		w.add(&assetpb.Asset{Name: "//compute.googleapis.com/projects/" + id + "/zones/europe-west1-b/instances/vm", AssetType: typeInstance, Ancestors: anc, Resource: res(crm+"projects/"+num, map[string]any{"status": "RUNNING"})})
	}
	sort.SliceStable(w.assets, func(i, j int) bool { return w.assets[i].GetName() < w.assets[j].GetName() })
	return w
}

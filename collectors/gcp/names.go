package gcp

import "strings"

// The CAI asset types the collector reads.
const (
	typeOrganization = "cloudresourcemanager.googleapis.com/Organization"
	typeFolder       = "cloudresourcemanager.googleapis.com/Folder"
	typeProject      = "cloudresourcemanager.googleapis.com/Project"
	typeSA           = "iam.googleapis.com/ServiceAccount"
	typeSAKey        = "iam.googleapis.com/ServiceAccountKey"
	typeSink         = "logging.googleapis.com/LogSink"
	typeWIFProvider  = "iam.googleapis.com/WorkloadIdentityPoolProvider"
	typeInstance     = "compute.googleapis.com/Instance"
	typeOrgPolicyV2  = "orgpolicy.googleapis.com/Policy"
)

// AssetTypes are the asset types asked of ListAssets for RESOURCE content:
// the hierarchy and what the controls judge. IAM_POLICY is asked for every
// type (a public bucket matters as much as a public project).
var AssetTypes = []string{
	typeOrganization, typeFolder, typeProject,
	typeSA, typeSAKey, typeSink, typeWIFProvider, typeInstance, typeOrgPolicyV2,
}

// crm is the prefix of the full resource names of hierarchy levels.
const crm = "//cloudresourcemanager.googleapis.com/"

// fullName turns a relative hierarchy name ("projects/123") into CAI's
// full resource name; a full name is returned unchanged.
func fullName(rel string) string {
	if strings.HasPrefix(rel, "//") || rel == "" {
		return rel
	}
	return crm + rel
}

// levelOf reads a hierarchy level's kind and ID from its full or relative
// name: ("project", "123") for //cloudresourcemanager.googleapis.com/projects/123.
func levelOf(name string) (kind, id string, ok bool) {
	rel := strings.TrimPrefix(name, crm)
	coll, id, found := strings.Cut(rel, "/")
	if !found || id == "" || strings.Contains(id, "/") {
		return "", "", false
	}
	switch coll {
	case "organizations":
		return "organization", id, true
	case "folders":
		return "folder", id, true
	case "projects":
		return "project", id, true
	}
	return "", "", false
}

// projectSegment returns the project ID or number a full resource name
// names after "/projects/", e.g. "prod-app" for
// //iam.googleapis.com/projects/prod-app/serviceAccounts/x.
func projectSegment(name string) string {
	_, rest, ok := strings.Cut(name, "/projects/")
	if !ok {
		return ""
	}
	p, _, _ := strings.Cut(rest, "/")
	return p
}

// containerOf returns the full name of the hierarchy level a resource name
// sits directly under: //logging.googleapis.com/organizations/1/sinks/x is
// under //cloudresourcemanager.googleapis.com/organizations/1.
func containerOf(name string) string {
	for _, coll := range []string{"organizations", "folders", "projects"} {
		if _, rest, ok := strings.Cut(name, "/"+coll+"/"); ok {
			id, _, _ := strings.Cut(rest, "/")
			return crm + coll + "/" + id
		}
	}
	return ""
}

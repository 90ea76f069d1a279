package gcp

import (
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Hint returns the next step for a GCP collection error: the role to
// grant, the export to add; "" for other providers' errors and codes it
// has nothing to say about.
func Hint(e snapshot.CollectionError) string {
	if e.Provider != "gcp" {
		return ""
	}
	switch e.Code {
	case "PermissionDenied":
		if e.Service == snapshot.GCPServiceActivity {
			return "grant roles/policyanalyzer.activityAnalysisViewer (and enable the Policy Analyzer API) to read service account activity"
		}
		return "grant roles/cloudasset.viewer and roles/iam.securityReviewer on the organization, folder or project scanned (docs/scanning-gcp.md)"
	case "NotInExport":
		if cmd := contentCommands[e.Operation]; cmd != "" {
			return "add this content to the export: " + cmd
		}
		return "exports cannot hold it: scan live (rampart scan gcp) to collect it"
	case "Unauthenticated":
		return "no usable credentials: gcloud auth application-default login, or GOOGLE_APPLICATION_CREDENTIALS"
	case "ResourceExhausted":
		return "the Cloud Asset API quota ran out: scan again later, or one project at a time"
	}
	if strings.Contains(e.Code, "Unavailable") || e.Code == "DeadlineExceeded" {
		return "the API did not answer in time: scan again"
	}
	return ""
}

package snapshot

import "strings"

// GCPDefaultServiceAccount tells whether email is a project's default
// service account, the ones Google creates with the Editor role: "compute"
// for PROJECT_NUMBER-compute@developer.gserviceaccount.com, "appengine"
// for PROJECT_ID@appspot.gserviceaccount.com, "" otherwise.
func GCPDefaultServiceAccount(email string) string {
	local, domain, ok := strings.Cut(strings.ToLower(email), "@")
	switch {
	case !ok:
		return ""
	case domain == "developer.gserviceaccount.com" && strings.HasSuffix(local, "-compute") && IsGCPNumber(strings.TrimSuffix(local, "-compute")):
		return "compute"
	case domain == "appspot.gserviceaccount.com" && local != "":
		return "appengine"
	}
	return ""
}

// IsGCPNumber tells whether s is a GCP number (of an organization, a
// folder or a project): decimal digits only, at least one.
func IsGCPNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

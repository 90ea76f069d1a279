package aws

import "strings"

// containsFold reports whether sub is in s, ignoring case: AWS error
// messages vary in capitalisation between services.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

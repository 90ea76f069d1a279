package terraform

import "github.com/rampart-sec/rampart/snapshot"

// Hint returns the next step for a collection error a plan produced, ""
// for other errors.
func Hint(e snapshot.CollectionError) string {
	switch e.Code {
	case CodeUnknownUntilApply:
		return "the value is computed during apply: write it as a literal in the configuration (a jsonencode of known values, not a data source output), or evaluate the applied state with rampart scan"
	case snapshot.CodeUnknownGrantee:
		return "name the user, group or role by a reference to its resource (aws_iam_user.x.name) or a literal name, so the plan says whom the grant reaches, or evaluate the applied state with rampart scan"
	}
	return ""
}

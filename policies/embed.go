package policies

import "embed"

// builtinFS holds the built-in policies, their unit tests and the Rego
// library they share. They ship inside the binary so that a policy release
// and the code that evaluates it can never disagree.
//
//go:embed aws gcp lib
var builtinFS embed.FS

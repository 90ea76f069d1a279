package policies

import "embed"

// builtinFS holds the built-in policies of every provider, their unit tests
// and the Rego library they share. They ship inside the binary so that a
// policy release and the code that evaluates it can never disagree. Every
// provider folder is listed, also before it holds a control, so that a
// control added to it cannot be silently left out; TestEveryRegoFileIsEmbedded
// checks the list against the tree.
//
//go:embed aws azure gcp lib
var builtinFS embed.FS

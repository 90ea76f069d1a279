package snapshot

import _ "embed"

// SchemaFile is where the committed JSON Schema of the model lives, relative
// to this package.
const SchemaFile = "rampart.snapshot.v1.schema.json"

// SchemaJSON is the committed JSON Schema of snapshot v1.
//
//go:embed rampart.snapshot.v1.schema.json
var SchemaJSON []byte

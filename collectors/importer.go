package collectors

import (
	"encoding/json"
	"sync"

	"github.com/rampart-sec/rampart/snapshot"
)

// Importer reads one kind of file into a snapshot: a rampart snapshot, a
// Terraform plan, an export of a cloud's inventory. `rampart eval FILE`
// offers the file to each importer in turn; the kind is recognised by
// content, never by the file's name.
type Importer interface {
	// Kind names the kind of file in messages ("Terraform plan").
	Kind() string
	// Expect says what makes a file of this kind, for the error on a
	// file no importer recognises.
	Expect() string
	// Recognize reports whether the file is of this kind. It must be
	// cheap, and must not claim a file another importer reads.
	Recognize(f *Sniff) bool
	// Import reads the file into a snapshot; file names the input in
	// errors.
	Import(file string, data []byte, env Env) (*snapshot.Snapshot, error)
}

// Hinter is an Importer that can tell what a file it does not read is
// instead (a Terraform state where a plan was expected, the text of a
// plan where its JSON was), and how to get the file it reads.
type Hinter interface {
	// Hint returns "" when it has nothing to say about f, which may not
	// be JSON at all.
	Hint(f *Sniff) string
}

// Dater is an Importer of files that may or may not say when they were
// made (a Terraform plan has a "timestamp" since Terraform 1.5), so that
// a report does not present the time it was read as the file's own.
type Dater interface {
	// Dated reports whether f carries its own time.
	Dated(f *Sniff) bool
}

// Sniff is a file offered to the importers: its bytes, and its top-level
// JSON object parsed once for all of them.
type Sniff struct {
	Data []byte

	once   sync.Once
	object map[string]json.RawMessage
	objErr error
}

// NewSniff wraps data for recognition.
func NewSniff(data []byte) *Sniff { return &Sniff{Data: data} }

// Object returns the file's top-level JSON object, keyed exactly as
// written; ok is false when the file is not one JSON object.
func (s *Sniff) Object() (obj map[string]json.RawMessage, ok bool) {
	s.once.Do(func() { s.objErr = json.Unmarshal(s.Data, &s.object) })
	return s.object, s.objErr == nil && s.object != nil
}

// err is the error of parsing the file as one JSON object, for messages.
func (s *Sniff) err() error {
	s.Object()
	return s.objErr
}

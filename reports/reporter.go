// Package reports writes a results.Report in the formats people and tools
// downstream read. Each format is one file behind the Reporter interface;
// none of them knows anything about a cloud provider.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// Reporter writes a report in one format.
type Reporter interface {
	Write(w io.Writer, r *results.Report) error
}

// Options are the settings a format may use.
type Options struct {
	// Color enables ANSI colour; the CLI sets it only when writing to a
	// terminal.
	Color bool
	// Rules describes every control evaluated, by ID, for formats that
	// list rules apart from results (SARIF).
	Rules map[string]results.Control
	// Locate returns the source location of a result's resource (the
	// file and line of a Terraform resource block), when known.
	Locate func(resource string) (Location, bool)
	// Version is rampart's version, for formats that name the tool.
	Version string
	// Width is the terminal's width in columns for the table (0:
	// DefaultWidth).
	Width int
	// Hint returns the next step for a collection error (the permission
	// to grant, the file to add), "" when none is known. The CLI takes it
	// from the error's cloud; reports know no provider.
	Hint func(snapshot.CollectionError) string
	// Statuses are the statuses a person asked to see (--status); nil
	// means each format's default.
	Statuses []results.Status
	// Provenance ties the audit formats (html, pdf, ocsf) to the data
	// and the command; nil when unknown.
	Provenance *Provenance
	// History is what a history store says about earlier scans; nil
	// when there is no store.
	History *History
}

// Location is a place in a source file, with forward slashes and
// relative to the directory the tool ran in.
type Location struct {
	File string
	Line int
}

// DefaultPass is how a format reports PASS results unless told: each one
// in JSON, JUnit and the other machine formats, counts only in the
// formats people read (table, Markdown; SARIF never lists them).
func DefaultPass(format string) string {
	switch format {
	case "table", "markdown", "sarif":
		return "summary"
	}
	return "full"
}

// formats maps a --format name to its constructor.
var formats = map[string]func(Options) Reporter{
	"table": func(o Options) Reporter {
		return &Table{Color: o.Color, Width: o.Width, Hint: o.Hint, Statuses: o.Statuses}
	},
	"json": func(o Options) Reporter { return JSON{Rules: o.Rules} },
}

// Register adds a format; formats defined in other files of this package
// register themselves in init.
func Register(name string, f func(Options) Reporter) { formats[name] = f }

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the reporter for a format name.
func New(format string, o Options) (Reporter, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: expected one of %s", format, strings.Join(Formats(), ", "))
	}
	return f(o), nil
}

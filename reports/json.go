package reports

import (
	"encoding/json"
	"io"

	"github.com/rampart-sec/rampart/results"
)

// JSON writes the report as rampart.results/v1, the form baselines and
// scripts read back.
type JSON struct{}

// Write implements Reporter.
func (JSON) Write(w io.Writer, r *results.Report) error {
	if r.Results == nil {
		r.Results = []results.Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

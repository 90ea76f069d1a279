package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// The SARIF log written result by result is byte for byte the log encoded
// whole: with results of every status, with a baseline, with absent
// results, and with no result to show at all.
func TestSARIFStreamIsTheWholeLog(t *testing.T) {
	onlyPass := sampleReport()
	var pass []results.Result
	for _, r := range onlyPass.Results {
		if r.Status == results.Pass {
			pass = append(pass, r)
		}
	}
	onlyPass.Results = pass
	empty := sampleReport()
	empty.Results = []results.Result{}
	for name, r := range map[string]*results.Report{
		"sample": sampleReport(), "audit": auditReport(), "baseline": baselineReport(),
		"only PASS": onlyPass, "empty": empty,
	} {
		s := &SARIF{Options: auditOptions()}
		var got bytes.Buffer
		if err := s.Write(&got, r); err != nil {
			t.Fatal(err)
		}
		if want := wholeSARIF(t, s, r); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: streamed log differs from the whole log:\n%s\nwant:\n%s", name, got.Bytes(), want)
		}
	}
}

// wholeSARIF is the log as one value, encoded at once.
func wholeSARIF(t *testing.T, s *SARIF, r *results.Report) []byte {
	t.Helper()
	rules, index := s.rules(r)
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "rampart", Version: s.Options.Version, InformationURI: "https://github.com/rampart-sec/rampart", Rules: rules}},
		Results: []sarifResult{},
	}
	for _, res := range append(r.Results[:len(r.Results):len(r.Results)], r.Absent...) {
		if res.Status != results.Pass {
			run.Results = append(run.Results, s.result(r, res, index))
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

package reports

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rampart-sec/rampart/results"
)

// sarifSchema compiles the OASIS SARIF 2.1.0 schema committed in testdata
// (PROVENANCE.md), with format assertions on (uri, uri-reference,
// date-time), as code scanning services check them.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFMatchesSchema(t *testing.T) {
	sch := sarifSchema(t)
	empty := sampleReport()
	empty.Results = nil
	awkward := sampleReport()
	for i := range awkward.Results {
		// Terraform addresses with keys, spaces in paths.
		awkward.Results[i].Resource = `module.a["k 1"].aws_iam_role.r[0]`
	}
	opts := ciOptions()
	opts.Locate = func(string) (Location, bool) { return Location{File: "infra dir/main.tf", Line: 3}, true }
	for name, tc := range map[string]struct {
		r    *results.Report
		opts Options
	}{
		"sample":             {sampleReport(), ciOptions()},
		"no results":         {empty, Options{}},
		"addresses and path": {awkward, opts},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (&SARIF{Options: tc.opts}).Write(&b, tc.r); err != nil {
				t.Fatal(err)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("output does not match SARIF 2.1.0: %v\n%s", err, b.String())
			}
		})
	}
}

// The validator must catch a broken log, or the test above proves
// nothing.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	for name, doc := range map[string]string{
		"wrong version": `{"version": "2.0.0", "runs": []}`,
		"bad level":     `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "critical"}]}]}`,
		"no message":    `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r"}]}]}`,
	} {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(doc)))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

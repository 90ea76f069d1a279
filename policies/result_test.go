package policies

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-sec/rampart/results"
)

// A policy's result objects are read straight from OPA's terms: each
// malformed one is refused with what was expected.
func TestResultFromTerm(t *testing.T) {
	c := &Control{Control: results.Control{ID: "x-test", Severity: results.High}}
	for _, tc := range []struct {
		term, want string
	}{
		{`"FAIL"`, "each element of `results` must be an object, found string"},
		{`{"resource": "r", "message": "m"}`, `missing "status"`},
		{`{"status": "FAIL", "message": "m"}`, `missing "resource"`},
		{`{"status": "FAIL", "resource": "r"}`, `missing "message"`},
		{`{"status": "FAIL", "resource": 1, "message": "m"}`, `"resource" must be a string`},
		{`{"status": "FAIL", "resource": "r", "message": "m", "region": null}`, `"region" must be a string`},
		{`{"status": "WAIVED", "resource": "r", "message": "m"}`, `status "WAIVED": expected FAIL, PASS or ERROR`},
		{`{"status": "PASS", "resource": "", "message": "m"}`, "empty resource"},
		{`{"status": "PASS", "resource": "r", "message": "m", "evidence": [1]}`, "evidence must be an object"},
	} {
		_, err := c.result(ast.MustParseTerm(tc.term), &evidenceMaps{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.term, err, tc.want)
		}
	}
}

// Results with equal evidence share one map (read-only by contract),
// results with different evidence do not, and every field is carried over.
func TestResultEvidenceShared(t *testing.T) {
	c := &Control{Control: results.Control{ID: "x-test", Severity: results.High}}
	var ev evidenceMaps
	read := func(term string) results.Result {
		t.Helper()
		r, err := c.result(ast.MustParseTerm(term), &ev)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := read(`{"status": "FAIL", "account": "1", "region": "eu", "resource": "a", "resource_type": "T", "message": "m", "evidence": {"k": [1, "x"]}}`)
	b := read(`{"status": "PASS", "resource": "b", "message": "n", "evidence": {"k": [1, "x"]}}`)
	d := read(`{"status": "PASS", "resource": "d", "message": "n", "evidence": {"k": [2]}}`)
	if a.Status != results.Fail || a.Account != "1" || a.Region != "eu" || a.Resource != "a" || a.ResourceType != "T" || a.Message != "m" || a.ID == "" {
		t.Errorf("fields not carried over: %+v", a)
	}
	a.Evidence["probe"] = true
	if b.Evidence["probe"] != true {
		t.Error("equal evidence should be one shared map")
	}
	if d.Evidence["probe"] == true {
		t.Error("different evidence must not share a map")
	}
}

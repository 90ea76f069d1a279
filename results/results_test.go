package results

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestParseSeverity(t *testing.T) {
	for name, want := range map[string]Severity{"critical": Critical, "HIGH": High, "Medium": Medium, "low": Low, "info": Info} {
		got, err := ParseSeverity(name)
		if err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", name, got, err)
		}
	}
	for _, bad := range []string{"", "severe", "crit"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) accepted", bad)
		}
	}
}

func TestResultIDIsStableAndDistinct(t *testing.T) {
	a := ResultID("aws-guardduty-enabled", "111111111111", "eu-west-1", "arn:aws:iam::111111111111:root")
	if a != ResultID("aws-guardduty-enabled", "111111111111", "eu-west-1", "arn:aws:iam::111111111111:root") {
		t.Error("same inputs, different IDs")
	}
	if a != "247b0c5114aefc8a4053" {
		// A changed ID breaks every user's baseline: change it knowingly.
		t.Errorf("ID scheme changed: %s", a)
	}
	for _, other := range []string{
		ResultID("aws-guardduty-enabled", "111111111111", "us-east-1", "arn:aws:iam::111111111111:root"),
		ResultID("aws-config-enabled", "111111111111", "eu-west-1", "arn:aws:iam::111111111111:root"),
		// Field boundaries matter: no concatenation collisions.
		ResultID("aws-guardduty-enabled", "111111111111eu-west-1", "", "arn:aws:iam::111111111111:root"),
	} {
		if other == a {
			t.Error("distinct results share an ID")
		}
	}
}

func TestSortAndGate(t *testing.T) {
	rs := []Result{
		{Control: "b", Severity: Low, Status: Fail, Resource: "2"},
		{Control: "a", Severity: Critical, Status: Pass, Resource: "1"},
		{Control: "b", Severity: Low, Status: Fail, Resource: "1"},
		{Control: "c", Severity: High, Status: Error, Resource: "1"},
	}
	Sort(rs)
	var order []string
	for _, r := range rs {
		order = append(order, r.Control+r.Resource)
	}
	if got := strings.Join(order, " "); got != "a1 c1 b1 b2" {
		t.Errorf("order %s", got)
	}
}

func TestSummarizeListsEveryControl(t *testing.T) {
	s := Summarize([]Control{{ID: "a", Severity: High}, {ID: "quiet", Severity: Low}},
		[]Result{{Control: "a", Severity: High, Status: Fail}, {Control: "a", Severity: High, Status: Pass}})
	if s.Total != 2 || s.ByStatus[Fail] != 1 || s.BySeverity[High][Pass] != 1 {
		t.Errorf("%+v", s)
	}
	if len(s.Controls) != 2 || s.Controls[1].Control != "quiet" || s.Controls[1].Counts[Fail] != 0 {
		t.Errorf("a control without results must still be listed: %+v", s.Controls)
	}
}

func TestResultJSONHasNoNulls(t *testing.T) {
	b, err := json.Marshal(Result{Control: "a", Severity: Low, Status: Pass})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("null in %s", b)
	}
}

func TestParseStatusesAndKeep(t *testing.T) {
	sts, err := ParseStatuses([]string{"fail", " ERROR"})
	if err != nil || len(sts) != 2 || sts[0] != Fail || sts[1] != Error {
		t.Fatalf("ParseStatuses: %v, %v", sts, err)
	}
	if _, err := ParseStatuses([]string{"FAILED"}); err == nil || !strings.Contains(err.Error(), `unknown status "FAILED": expected FAIL, ERROR, WAIVED or PASS`) {
		t.Errorf("bad status: %v", err)
	}
	r := &Report{Results: []Result{{Status: Fail}, {Status: Pass}, {Status: Error}, {Status: Waived}}}
	r.Summary = Summarize(nil, r.Results)
	r.Keep(sts)
	if len(r.Results) != 2 || r.Results[0].Status != Fail || r.Results[1].Status != Error || r.Summary.Total != 4 {
		t.Errorf("Keep: %+v", r)
	}
}

// A result shows its control's metadata, so that one result read alone
// (a SARIF alert, a JSON line) says what to do and whom to tell.
func TestNewResultCarriesTheMetadata(t *testing.T) {
	c := Control{ID: "aws-x", Title: "X", Description: "not copied", Severity: High, Provider: "aws",
		Frameworks: map[string][]string{"cis": {"1.1"}}, MITRE: []string{"T1078"}, Remediation: "fix", Escalation: "CISO"}
	r := NewResult(c)
	if r.Control != "aws-x" || r.Title != "X" || r.Severity != High || r.Provider != "aws" || r.Remediation != "fix" ||
		r.Escalation != "CISO" || len(r.Frameworks["cis"]) != 1 || len(r.MITRE) != 1 {
		t.Errorf("%+v", r)
	}
	if r.Status != "" || r.Resource != "" || r.ID != "" {
		t.Errorf("what was decided is the caller's: %+v", r)
	}
}

// TestSortIsStableAndComplete checks Sort, which moves results along the
// cycles of a sorted permutation, against sort.SliceStable on random
// results with many ties (equal keys keep their input order, told apart
// by Message).
func TestSortIsStableAndComplete(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for n := range 300 {
		rs := make([]Result, n)
		for i := range rs {
			rs[i] = Result{
				Severity: Severity(rng.IntN(3) + 1), Control: pick("a", "b"), Account: pick("1", "2"),
				Region: pick("", "eu"), Resource: pick("x", "y", "z"), Status: Status(pick("FAIL", "PASS")), Message: pick("m", "n"),
				Title: strconv.Itoa(i),
			}
		}
		want := slices.Clone(rs)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.Severity != b.Severity {
				return a.Severity > b.Severity
			}
			key := func(r Result) string {
				return strings.Join([]string{r.Control, r.Account, r.Region, r.Resource, string(r.Status), r.Message}, "\x00")
			}
			return key(a) < key(b)
		})
		Sort(rs)
		for i := range rs {
			if rs[i].Title != want[i].Title {
				t.Fatalf("n=%d: position %d holds result %s, want %s", n, i, rs[i].Title, want[i].Title)
			}
		}
	}
}

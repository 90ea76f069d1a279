package reports

import (
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func TestChangesBetween(t *testing.T) {
	r := func(id, account string, st results.Status) results.Result {
		return results.Result{ID: id, Control: "c", Provider: "aws", Account: account, Status: st}
	}
	prev := auditReport()
	prev.Results = []results.Result{
		r("fixed", "222222222222", results.Fail),
		r("gone", "222222222222", results.Fail),
		r("undecided", "222222222222", results.Fail),
		r("waived", "222222222222", results.Fail),
		r("unscanned", "999999999999", results.Fail),
		r("still", "222222222222", results.Fail),
		r("broke", "222222222222", results.Pass),
	}
	cur := auditReport()
	cur.Summary.Controls = append(cur.Summary.Controls, results.ControlSummary{Control: "c"})
	cur.Results = []results.Result{
		r("fixed", "222222222222", results.Pass),
		r("undecided", "222222222222", results.Error),
		r("waived", "222222222222", results.Waived),
		r("still", "222222222222", results.Fail),
		r("broke", "222222222222", results.Fail),
		r("appeared", "333333333333", results.Fail),
	}
	ch := ChangesBetween(prev, cur, "scan 1")
	ids := func(rs []results.Result) map[string]bool {
		m := map[string]bool{}
		for _, x := range rs {
			m[x.ID] = true
		}
		return m
	}
	if got := ids(ch.New); len(got) != 2 || !got["broke"] || !got["appeared"] {
		t.Errorf("new: %v, want broke and appeared", got)
	}
	if got := ids(ch.Resolved); len(got) != 2 || !got["fixed"] || !got["gone"] {
		t.Errorf("resolved: %v, want fixed and gone (not undecided, waived, unscanned, still)", got)
	}
}

package reports

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// waivedRow is one WAIVED result with the waiver that covers it.
type waivedRow struct {
	Result       *results.Result
	AccountLabel string
	Reason       string
	ApprovedBy   string
	Expires      string
	// Was is the status the waiver hid (FAIL or ERROR).
	Was string
	// Note flags what a reader must not miss: a waiver about to expire,
	// or a WAIVED result without its waiver record.
	Note string
}

// waivedRows lists the WAIVED results, most severe first. The waiver is
// read from the result's evidence, where the waivers package records it.
func waivedRows(r *results.Report, names map[scopeKey]string) []waivedRow {
	var out []waivedRow
	for i := range r.Results {
		res := &r.Results[i]
		if res.Status != results.Waived {
			continue
		}
		row := waivedRow{Result: res, AccountLabel: accountLabel(names[scopeKey{res.Provider, res.Account}], res.Account)}
		w, _ := res.Evidence["waiver"].(map[string]any)
		if w == nil {
			row.Note = "no waiver record in the result: reason, approver and expiry unknown"
		} else {
			row.Reason, row.ApprovedBy = str(w["reason"]), str(w["approved_by"])
			row.Expires, row.Was = str(w["expires"]), str(w["waived_status"])
			if exp, err := time.Parse(time.DateOnly, row.Expires); err == nil {
				days := int(exp.Sub(r.Snapshot.EvaluatedAt.UTC().Truncate(24*time.Hour)).Hours() / 24)
				if days <= 30 {
					row.Note = fmt.Sprintf("expires within %d day%s of the evaluation", days, sfx(days))
				}
			}
		}
		out = append(out, row)
	}
	return out
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// collectionFailure is one failed collection call and what it kept
// rampart from deciding.
type collectionFailure struct {
	Where     string
	Call      string
	Code      string
	Message   string
	Prevented []prevented
}

// prevented is a control left undecided by a failure, with how many of
// its results became ERROR.
type prevented struct {
	Control, Title string
	Results        int
}

type failureKey struct{ provider, account, region, service, operation, code, message, resource string }

// collectionFailures joins the snapshot's errors with the ERROR results
// they caused (recorded in each result's evidence).
func collectionFailures(r *results.Report, errs []snapshot.CollectionError) []*collectionFailure {
	byKey := map[failureKey]*collectionFailure{}
	var order []failureKey
	add := func(k failureKey) *collectionFailure {
		f := byKey[k]
		if f == nil {
			where := k.account
			if where == "" {
				where = k.provider + " (every account)"
			}
			if k.region != "" {
				where += " " + k.region
			}
			if k.resource != "" {
				where += " " + k.resource
			}
			f = &collectionFailure{Where: where, Call: k.service + ":" + k.operation, Code: k.code, Message: k.message}
			byKey[k] = f
			order = append(order, k)
		}
		return f
	}
	for _, e := range errs {
		add(failureKey{e.Provider, e.Account, e.Region, e.Service, e.Operation, e.Code, e.Message, e.Resource})
	}
	counts := map[failureKey]map[string]int{}
	titles := map[string]string{}
	for i := range r.Results {
		res := &r.Results[i]
		ce, _ := res.Evidence["collection_error"].(map[string]any)
		if res.Status != results.Error || ce == nil {
			continue
		}
		k := failureKey{res.Provider, str(ce["account"]), str(ce["region"]), str(ce["service"]), str(ce["operation"]),
			str(ce["code"]), str(ce["message"]), str(ce["resource"])}
		add(k)
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][res.Control]++
		titles[res.Control] = res.Title
	}
	out := make([]*collectionFailure, 0, len(order))
	for _, k := range order {
		f := byKey[k]
		for c, n := range counts[k] {
			f.Prevented = append(f.Prevented, prevented{Control: c, Title: titles[c], Results: n})
		}
		sort.Slice(f.Prevented, func(i, j int) bool { return f.Prevented[i].Control < f.Prevented[j].Control })
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.Compare(out[i].Where, out[j].Where) < 0 })
	return out
}

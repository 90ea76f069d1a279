package reports

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// cause is one reason results could not be decided: failed calls with
// the same code and message (one operation in 38 regions, or every
// service the offline evidence lacks), with the results they left
// undecided and the next step.
type cause struct {
	// Error is the first error of the cause, without its place.
	Error snapshot.CollectionError
	// Sources are the failed "service operation" pairs, in order.
	Sources []string
	// Accounts and Regions are where the calls failed, sorted.
	Accounts, Regions []string
	// Calls counts the recorded failures; Results the ERROR results they
	// caused, and Controls how many of those per control.
	Calls    int
	Results  []results.Result
	Controls map[string]int
	// Hint is the next step (one per distinct source that has one),
	// "" when none is known.
	Hint  string
	hints []string
}

type causeKey struct{ provider, code, message string }

func keyOf(e snapshot.CollectionError) causeKey {
	return causeKey{e.Provider, e.Code, e.Message}
}

// source names what failed: "guardduty ListDetectors", "iam data" for
// every operation of a service.
func source(e snapshot.CollectionError) string {
	if e.Operation == "*" || e.Operation == "" {
		return e.Service + " data"
	}
	return e.Service + " " + e.Operation
}

// groupCauses groups the collection errors of a snapshot and the ERROR
// results they caused by cause. Errors no result depends on still appear
// (with no results); ERROR results without a collection error (a control
// that could not decide on collected data) are returned apart, to be
// listed like findings. Markers of what a plan does not show
// (NotInPlan) are not errors and are left out.
func groupCauses(errs []snapshot.CollectionError, rs []results.Result, hint func(snapshot.CollectionError) string) ([]*cause, []results.Result) {
	index := map[causeKey]*cause{}
	var out []*cause
	get := func(e snapshot.CollectionError) *cause {
		k := keyOf(e)
		c, ok := index[k]
		if !ok {
			c = &cause{Error: e, Controls: map[string]int{}}
			c.Error.Account, c.Error.Region, c.Error.Resource = "", "", ""
			index[k] = c
			out = append(out, c)
		}
		if src := source(e); !slices.Contains(c.Sources, src) {
			c.Sources = append(c.Sources, src)
			if hint != nil {
				if h := hint(e); h != "" && !slices.Contains(c.hints, h) {
					c.hints = append(c.hints, h)
				}
			}
			c.Hint = strings.Join(c.hints, "; ")
		}
		return c
	}
	places := map[*cause]map[[2]string]bool{}
	addPlace := func(c *cause, e snapshot.CollectionError) {
		if places[c] == nil {
			places[c] = map[[2]string]bool{}
		}
		p := [2]string{e.Account, e.Region}
		if !places[c][p] {
			places[c][p] = true
			c.Accounts = appendNew(c.Accounts, e.Account)
			c.Regions = appendNew(c.Regions, e.Region)
		}
	}
	for _, e := range errs {
		if e.Code == snapshot.CodeNotInPlan {
			continue
		}
		c := get(e)
		c.Calls++
		addPlace(c, e)
	}
	var undecided []results.Result
	for _, r := range rs {
		if r.Status != results.Error {
			continue
		}
		e, ok := collectionError(r)
		if !ok {
			undecided = append(undecided, r)
			continue
		}
		c := get(e)
		if c.Calls == 0 {
			// The report carries no list of errors (an older report):
			// count the places from the results.
			addPlace(c, e)
		}
		c.Results = append(c.Results, r)
		c.Controls[r.Control]++
	}
	for _, c := range out {
		sort.Strings(c.Accounts)
		sort.Strings(c.Regions)
	}
	// The causes that leave most results undecided first.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Results) > len(out[j].Results) })
	return out, undecided
}

func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// collectionError reads back the collection error the engine recorded in
// an ERROR result's evidence.
func collectionError(r results.Result) (snapshot.CollectionError, bool) {
	m, ok := r.Evidence["collection_error"].(map[string]any)
	if !ok {
		return snapshot.CollectionError{}, false
	}
	s := func(k string) string { v, _ := m[k].(string); return v }
	return snapshot.CollectionError{
		Provider: r.Provider, Account: s("account"), Region: s("region"), Resource: s("resource"),
		Service: s("service"), Operation: s("operation"), Code: s("code"), Message: s("message"),
	}, true
}

// title says what failed and where, in one line: "accessanalyzer
// ListAnalyzers failed (HTTP500) in 38 regions of 111111111111".
func (c *cause) title() string {
	if len(c.Sources) == 1 {
		return fmt.Sprintf("%s unavailable (%s)%s", c.Sources[0], c.Error.Code, c.where())
	}
	return fmt.Sprintf("%d sources unavailable (%s)%s", len(c.Sources), c.Error.Code, c.where())
}

func (c *cause) where() string {
	var parts []string
	switch n := len(c.Regions); {
	case n == 1:
		parts = append(parts, c.Regions[0])
	case n > 1:
		parts = append(parts, fmt.Sprintf("%d regions", n))
	}
	switch n := len(c.Accounts); {
	case n == 1:
		parts = append(parts, c.Accounts[0])
	case n > 1:
		parts = append(parts, fmt.Sprintf("%d accounts", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return " in " + strings.Join(parts, " of ")
}

// undecided says which controls the cause left undecided and on how many
// results: "aws-guardduty-enabled ×38, aws-config-enabled ×2".
func (c *cause) undecided() string {
	if len(c.Results) == 0 {
		return "no control evaluated needs this data"
	}
	ids := make([]string, 0, len(c.Controls))
	for id := range c.Controls {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if c.Controls[ids[i]] != c.Controls[ids[j]] {
			return c.Controls[ids[i]] > c.Controls[ids[j]]
		}
		return ids[i] < ids[j]
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s\u00a0×%d", id, c.Controls[id])
	}
	return "undecided: " + strings.Join(parts, ", ")
}

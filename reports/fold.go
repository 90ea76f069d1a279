package reports

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// row is one line of a listing: one result, or the results of one control
// on one resource that differ only by region (a control checked in every
// region of an account), folded so that 38 regions take one line.
type row struct {
	Result results.Result
	// Regions are the folded results' regions, sorted; nil when the row
	// is a single result.
	Regions []string
	// Of are the account's regions in the snapshot; nil when unknown.
	Of []string
	// Results are the results folded into the row.
	Results []results.Result
}

// regionMark stands for the region in a message while results are
// compared: "GuardDuty is not enabled in eu-west-1" and "… in us-east-1"
// say the same thing.
const regionMark = "\x00"

// foldRegions turns results into rows, folding results of the same
// control, status, account and resource whose messages differ only by
// their region. The order of first appearance is kept.
func foldRegions(rs []results.Result, scopes []snapshot.Scope) []row {
	type key struct{ status, control, account, resource, message string }
	if len(rs) == 0 {
		return nil
	}
	index := map[key]int{}
	rows := make([]row, 0, len(rs))
	for i, r := range rs {
		// A row of one result shares it with rs (capped, so that folding
		// another in copies): a copy each is 256 bytes per result listed.
		one := rs[i : i+1 : i+1]
		if r.Region == "" {
			rows = append(rows, row{Result: r, Results: one})
			continue
		}
		k := key{string(r.Status), r.Control, r.Account, r.Resource, strings.ReplaceAll(r.Message, r.Region, regionMark)}
		if i, ok := index[k]; ok {
			rows[i].Results = append(rows[i].Results, r)
			continue
		}
		index[k] = len(rows)
		rows = append(rows, row{Result: r, Results: one})
	}
	for i := range rows {
		if len(rows[i].Results) < 2 {
			continue
		}
		rw := &rows[i]
		for _, r := range rw.Results {
			rw.Regions = append(rw.Regions, r.Region)
		}
		sort.Strings(rw.Regions)
		rw.Of = regionsOf(scopes, rw.Result.Provider, rw.Result.Account)
	}
	return rows
}

// regionsOf are the regions of an account the snapshot covers.
func regionsOf(scopes []snapshot.Scope, provider, account string) []string {
	for _, s := range scopes {
		if s.Account == account && (provider == "" || s.Provider == provider) {
			return s.Regions
		}
	}
	return nil
}

// message is the row's message; in a folded row the region it names is
// "the region".
func (rw row) message() string {
	if rw.Regions == nil {
		return rw.Result.Message
	}
	return strings.ReplaceAll(rw.Result.Message, rw.Result.Region, "the region")
}

// where says where a row applies: the resource, shown relative to its
// account (the account has its own column), with its region; for a
// folded row, the regions ("37 of 38 regions (all but eu-west-1)").
func (rw row) where(scopes []snapshot.Scope) string {
	r := rw.Result
	res := relativeResource(r, scopes)
	if rw.Regions != nil {
		return joinWhere(res, regionsPhrase(rw.Regions, rw.Of))
	}
	if r.Region != "" && !strings.Contains(r.Resource, r.Region) {
		return joinWhere(res, r.Region)
	}
	return orAccount(res)
}

func joinWhere(res, regions string) string {
	if res == "" {
		return regions
	}
	return res + " (" + regions + ")"
}

func orAccount(res string) string {
	if res == "" {
		return "(account)"
	}
	return res
}

// relativeResource is the resource ID without the part that repeats the
// account ("arn:aws:iam::111111111111:role/x" → "role/x";
// "/subscriptions/ID/resourceGroups/rg" → "resourceGroups/rg"), or ""
// when the resource is the account (the scope) itself. Reports that keep
// the full ID (JSON, SARIF) do not use it.
func relativeResource(r results.Result, scopes []snapshot.Scope) string {
	for _, s := range scopes {
		if s.Resource != "" && s.Resource == r.Resource {
			return ""
		}
	}
	if r.Resource == r.Account {
		return ""
	}
	if r.Account == "" {
		return r.Resource
	}
	i := strings.LastIndex(r.Resource, r.Account)
	if i < 0 {
		return r.Resource
	}
	rest := r.Resource[i+len(r.Account):]
	if rest == "" || !strings.ContainsRune(":/", rune(rest[0])) || len(rest) == 1 {
		return r.Resource
	}
	return rest[1:]
}

// regionsPhrase names a set of regions of an account briefly: all of
// them, all but one or two, a few by name, or how many.
func regionsPhrase(regions, of []string) string {
	n, m := len(regions), len(of)
	in := map[string]bool{}
	for _, r := range regions {
		in[r] = true
	}
	var missing []string
	for _, r := range of {
		if !in[r] {
			missing = append(missing, r)
		}
	}
	switch {
	case m > 0 && len(missing) == 0:
		return fmt.Sprintf("all %d regions", n)
	case m > n && len(missing) <= 2:
		return fmt.Sprintf("%d of %d regions, all but %s", n, m, strings.Join(missing, ", "))
	case n <= 3:
		return strings.Join(regions, ", ")
	case m > n:
		return fmt.Sprintf("%d of %d regions", n, m)
	}
	return fmt.Sprintf("%d regions", n)
}

package policies

import (
	"math"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// nsPerDay is the length of a day in nanoseconds, as lib/time counts it.
const nsPerDay = int64(24 * time.Hour)

// nowString is "now" as policies read it at data.rampart.now: empty when
// the snapshot's collected_at is "now", else the override to the second.
func nowString(now time.Time) string {
	if now.IsZero() {
		return ""
	}
	return now.UTC().Format(time.RFC3339)
}

// dayTable maps each of the input's timestamps (the strings
// time.parse_rfc3339_ns accepts, found while the input was converted) to
// the whole days from it to now, exactly as lib/time's formula
// floor((now_ns - t) / ns_per_day) gives them. Policies read it at
// data.rampart.analysis.days through lib/time's days_since: OPA computes
// that formula on big numbers, nanosecond timestamps being above 2^53, at
// about 15 µs and 88 allocations a date, and the age controls of a large
// account need tens of thousands of them. "now" is override, or else the
// input's collected_at, as lib/time's now_ns; when neither parses the
// table is empty, as the formula is then undefined.
func dayTable(input ast.Value, stamps []timestamp, override string) ast.Object {
	table := ast.NewObject()
	nowText := override
	if nowText == "" {
		obj, ok := input.(ast.Object)
		if !ok {
			return table
		}
		t := obj.Get(ast.InternedTerm("collected_at"))
		if t == nil {
			return table
		}
		s, ok := t.Value.(ast.String)
		if !ok {
			return table
		}
		nowText = string(s)
	}
	now, ok := parseRFC3339Nanos(nowText)
	if !ok {
		return table
	}
	numbers := map[int64]*ast.Term{}
	for _, s := range stamps {
		d := wholeDays(now, s.ns)
		n, ok := numbers[d]
		if !ok {
			n = ast.InternedTerm(int(d))
			numbers[d] = n
		}
		table.Insert(s.term, n)
	}
	return table
}

// parseRFC3339Nanos is time.parse_rfc3339_ns: time.Parse with the RFC 3339
// layout, refused outside what int64 nanoseconds hold. Every string that
// layout accepts has its first "-" after a four-digit year, which lets the
// input's conversion skip the other strings without parsing them.
func parseRFC3339Nanos(s string) (int64, bool) {
	if strings.IndexByte(s, '-') != 4 {
		return 0, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Before(time.Unix(0, math.MinInt64)) || t.After(time.Unix(0, math.MaxInt64)) {
		return 0, false
	}
	return t.UnixNano(), true
}

// wholeDays is floor((now - t) / nsPerDay) as OPA evaluates it, without
// overflow: OPA divides as big floats (exact here: both are within ±2^63
// and the quotient within ±2^18, so rounding never crosses a whole day)
// and its floor truncates a quotient in (-1, 0) to 0, which the last line
// repeats.
func wholeDays(now, t int64) int64 {
	nq, nr := floorDiv(now, nsPerDay)
	tq, tr := floorDiv(t, nsPerDay)
	days, rem := nq-tq, nr-tr
	if rem < 0 {
		days--
	}
	if days == -1 && rem != 0 {
		return 0
	}
	return days
}

// floorDiv is x divided by d (d > 0) rounded down, and the remainder in
// [0, d).
func floorDiv(x, d int64) (int64, int64) {
	q, r := x/d, x%d
	if r < 0 {
		q, r = q-1, r+d
	}
	return q, r
}

package policies

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/rampart-sec/rampart/snapshot"
)

// The day table gives, for every string, exactly what lib/time's formula
// gives in OPA, and holds no string on which the formula is undefined:
// fractions of a day either side of now (OPA's floor truncates a quotient
// in (-1, 0) to 0), offsets, the ends of the nanosecond range, and
// strings the RFC 3339 layout refuses or accepts loosely.
func TestDayTableMatchesTheRegoFormula(t *testing.T) {
	src, err := builtinFS.ReadFile("lib/time.rego")
	if err != nil {
		t.Fatal(err)
	}
	formula, err := rego.New(
		rego.Query(`x := floor((data.rampart.lib.time.now_ns - time.parse_rfc3339_ns(input.ts)) / data.rampart.lib.time.ns_per_day)`),
		rego.Module("lib/time.rego", string(src)),
		rego.Store(inmem.NewFromObject(map[string]any{"rampart": map[string]any{"now": ""}})),
	).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	nows := []string{"2026-11-30T12:00:00Z", "2262-04-11T23:47:16.854775807Z", "1677-09-21T00:12:43.145224192Z", "1970-01-01T00:00:00Z"}
	stamps := []string{
		"2024-12-02T00:00:00Z", "2026-11-29T12:00:00Z", "2026-11-29T12:00:00.000000001Z", "2026-11-29T11:59:59.999999999Z",
		"2026-11-30T12:00:00Z", "2026-11-30T18:00:00Z", "2026-12-01T12:00:00Z", "2026-12-01T12:00:00.000000001Z", "2026-12-02T00:00:00Z",
		"2026-11-29T13:00:00+01:00", "2026-11-29T06:30:00-05:30", "2026-11-29t12:00:00z", "2026-11-29T1:00:00Z",
		"2026-11-29T12:00:00.123456789123Z", "2016-12-31T23:59:60Z", "1969-12-31T23:59:59.5Z",
		"1677-09-21T00:12:43.145224192Z", "1677-09-21T00:12:43.145224191Z", "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z",
		"0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-29", "2026-11-29T12:00:00", "2026-13-01T00:00:00Z",
		"abcd-ef", "-2026-11-29T12:00:00Z", "２０２６-11-29T12:00:00Z", "arn:aws:iam::123456789012:user/a-b", "",
	}
	for _, now := range nows {
		doc, err := json.Marshal(map[string]any{"collected_at": now, "stamps": stamps, "nested": map[string]any{"a": []any{map[string]any{"b": stamps[0]}}}})
		if err != nil {
			t.Fatal(err)
		}
		v, found, err := valueFromJSON(doc)
		if err != nil {
			t.Fatal(err)
		}
		table := dayTable(v, found, "")
		for _, ts := range stamps {
			rs, err := formula.Eval(context.Background(), rego.EvalInput(map[string]any{"collected_at": now, "ts": ts}))
			if err != nil {
				t.Fatal(err)
			}
			got := table.Get(ast.StringTerm(ts))
			switch {
			case len(rs) == 0 && got != nil:
				t.Errorf("now %s: %q is in the table (%v) but the formula is undefined on it", now, ts, got)
			case len(rs) == 1 && got == nil:
				t.Errorf("now %s: %q is not in the table, the formula gives %v", now, ts, rs[0].Bindings["x"])
			case len(rs) == 1:
				want := rs[0].Bindings["x"].(json.Number)
				if got.Value.Compare(ast.Number(want)) != 0 {
					t.Errorf("now %s: %q: table %v, formula %v", now, ts, got, want)
				}
			}
		}
	}
}

// "now" is the override when there is one, else collected_at; a "now" that
// does not parse leaves the table empty, as the formula is then undefined.
func TestDayTableNow(t *testing.T) {
	doc := []byte(`{"collected_at": "2026-11-30T00:00:00Z", "u": {"created": "2026-11-20T00:00:00Z"}}`)
	v, found, err := valueFromJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	key := ast.StringTerm("2026-11-20T00:00:00Z")
	for _, c := range []struct {
		override string
		want     *ast.Term
	}{
		{"", ast.IntNumberTerm(10)},
		{"2026-12-20T00:00:00Z", ast.IntNumberTerm(30)},
		{"yesterday", nil},
	} {
		got := dayTable(v, found, c.override).Get(key)
		if (got == nil) != (c.want == nil) || got != nil && !got.Equal(c.want) {
			t.Errorf("override %q: got %v, want %v", c.override, got, c.want)
		}
	}
	v, found, err = valueFromJSON([]byte(`{"collected_at": 17, "created": "2026-11-20T00:00:00Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	if n := dayTable(v, found, "").Len(); n != 0 {
		t.Errorf("collected_at not a string: %d entries, want none", n)
	}
}

// The engine serves the table at data.rampart.analysis.days, to the day
// each engine's "now" gives, also when two engines with different "now"
// evaluate one input; a timestamp the table does not hold is not there.
func TestDayTableReachesPolicies(t *testing.T) {
	dir := userDir(t, map[string]string{"days.rego": controlHeader("custom-days", "rampart.custom.days") + `
results contains r if {
	some account in input.aws.accounts
	some user in account.users
	r := {"status": "PASS", "account": account.account_id, "resource": user.arn, "message": "days",
		"evidence": {"days": object.get(data.rampart.analysis.days, user.created, "absent")}}
}
`})
	created := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	s := &snapshot.Snapshot{Schema: snapshot.Schema, Source: snapshot.SourceAPI, CollectedAt: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC),
		AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{{AccountID: "111111111111", Partition: "aws",
			Users: []snapshot.IAMUser{{Name: "u", ARN: "arn:aws:iam::111111111111:user/u", Created: &created}}}}}}
	in, err := NewInput(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		now  time.Time
		want any
	}{
		{time.Time{}, json.Number("10")},
		{time.Date(2026, 12, 20, 5, 0, 0, 0, time.UTC), json.Number("29")},
		{time.Time{}, json.Number("10")},
	} {
		e := newEngine(t, Options{PolicyDirs: []string{dir}, Controls: []string{"custom-days"}, Now: c.now})
		rs, err := e.Evaluate(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Evidence["days"] != c.want {
			t.Errorf("now %v: got %v, want days %v", c.now, rs, c.want)
		}
	}
}

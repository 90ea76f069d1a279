package history

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

const (
	a1 = "111111111111"
	a2 = "222222222222"
)

// The known world: four scans over five days (none on day 2) of two
// accounts, each step chosen to exercise one rule of Record.
var (
	fA = id("mfa", a1, "userA")  // fails; severity raised; gone on day 3; back on day 4
	fR = id("root", a1, "root")  // fails; passes day 1; fails day 3 (reopened); passes day 4
	fB = id("mfa", a2, "userB")  // fails day 0; absent from a covered scan day 1: resolved
	fK = id("keys", a1, "userA") // new day 1; ERROR day 3; not evaluated day 4: stays open
	fC = id("mfa", a2, "userC")  // new day 1; day 3 does not cover a2: open; passes day 4
)

func sequence() []*results.Report {
	both := []string{a1, a2}
	const F, P, E = results.Fail, results.Pass, results.Error
	H, C, M := results.High, results.Critical, results.Medium
	return []*results.Report{
		scan(dayN(0), both, []res{
			{"mfa", a1, "userA", H, F}, {"root", a1, "root", C, F}, {"keys", a1, "userA", M, P}, {"mfa", a2, "userB", H, F},
		}),
		scan(dayN(1), both, []res{
			{"mfa", a1, "userA", C, F}, {"root", a1, "root", C, P}, {"keys", a1, "userA", M, F}, {"mfa", a2, "userC", H, F},
		}),
		scan(dayN(3), []string{a1}, []res{
			{"root", a1, "root", C, F}, {"keys", a1, "userA", M, E},
		}, "mfa"),
		scan(dayN(4), both, []res{
			{"mfa", a1, "userA", C, F}, {"root", a1, "root", C, P}, {"mfa", a2, "userC", H, P},
		}),
	}
}

func recordSequence(t *testing.T, s Store) []Scan {
	var out []Scan
	for _, r := range sequence() {
		out = append(out, record(t, s, r, Meta{RampartVersion: "test", CatalogueVersion: "cat-1"}))
	}
	return out
}

func TestFindingStatesOverASequence(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		recordSequence(t, s)
		got, err := s.Findings(context.Background(), FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		d := dayN
		at := func(t time.Time) *time.Time { return &t }
		want := map[string]Finding{
			fA: {Severity: results.Critical, FirstSeen: d(0), LastSeen: d(4), OpenedAt: d(4), Reopened: 1},
			fR: {Severity: results.Critical, FirstSeen: d(0), LastSeen: d(3), OpenedAt: d(3), ResolvedAt: at(d(4)), Reopened: 1},
			fB: {Severity: results.High, FirstSeen: d(0), LastSeen: d(0), OpenedAt: d(0), ResolvedAt: at(d(1))},
			fK: {Severity: results.Medium, FirstSeen: d(1), LastSeen: d(1), OpenedAt: d(1)},
			fC: {Severity: results.High, FirstSeen: d(1), LastSeen: d(1), OpenedAt: d(1), ResolvedAt: at(d(4))},
		}
		if len(got) != len(want) {
			t.Fatalf("%d findings, want %d: %+v", len(got), len(want), got)
		}
		for _, f := range got {
			w, ok := want[f.ID]
			if !ok {
				t.Errorf("unexpected finding %+v", f)
				continue
			}
			w.ID, w.Control, w.Provider, w.Account, w.Region, w.Resource = f.ID, f.Control, f.Provider, f.Account, f.Region, f.Resource
			if !reflect.DeepEqual(f, w) {
				t.Errorf("finding %s (%s %s):\n got %+v\nwant %+v", f.ID, f.Control, f.Resource, f, w)
			}
		}
		open, err := s.Findings(context.Background(), FindingFilter{OpenOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(open), 2; got != want {
			t.Errorf("%d open findings, want %d (fA, fK)", got, want)
		}
	})
}

func TestDiffOverASequence(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		scans := recordSequence(t, s)
		ref := func(i int) Ref { return Ref{Scan: scans[i].ID} }
		cases := []struct {
			name                                 string
			a, b                                 int
			new, resolved, open, undecided, sevs []string
		}{
			{"day 0 to 1", 0, 1, []string{fC, fK}, []string{fR, fB}, []string{fA}, []string{}, []string{fA}},
			// Day 3 did not look at a2 (fC) and could not decide keys (fK).
			{"day 1 to 3", 1, 2, []string{fR}, []string{fA}, []string{}, []string{fC, fK}, []string{}},
			// keys was not evaluated on day 4: fK is undecided, not resolved.
			{"day 3 to 4", 2, 3, []string{fA}, []string{fR}, []string{}, []string{}, []string{}},
			{"day 1 to 4", 1, 3, []string{}, []string{fC}, []string{fA}, []string{fK}, []string{}},
		}
		for _, c := range cases {
			d, err := s.Diff(context.Background(), ref(c.a), ref(c.b))
			if err != nil {
				t.Fatal(err)
			}
			var sevs []string = []string{}
			for _, ch := range d.ChangedSeverity {
				sevs = append(sevs, ch.Result.ID)
				if ch.Was != results.High || ch.Result.Severity != results.Critical {
					t.Errorf("%s: severity change %v -> %v, want high -> critical", c.name, ch.Was, ch.Result.Severity)
				}
			}
			for _, l := range []struct {
				what      string
				got, want []string
			}{
				{"new", ids(d.New), c.new}, {"resolved", ids(d.Resolved), c.resolved}, {"still open", ids(d.StillOpen), c.open},
				{"undecided", ids(d.Undecided), c.undecided}, {"changed severity", sevs, c.sevs},
			} {
				if !reflect.DeepEqual(l.got, l.want) {
					t.Errorf("%s: %s = %v, want %v", c.name, l.what, l.got, l.want)
				}
			}
			if !d.From.ScannedAt.Equal(scans[c.a].ScannedAt) || !d.To.ScannedAt.Equal(scans[c.b].ScannedAt) {
				t.Errorf("%s: sides %v %v", c.name, d.From.ScannedAt, d.To.ScannedAt)
			}
		}
	})
}

func TestTrendOverASequence(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		recordSequence(t, s)
		type counts struct{ crit, high, med, total int }
		cases := []struct {
			name     string
			from, to int
			days     []counts
			// mean and median days for critical and high.
			crit, high [2]float64
			resolved   [2]int
		}{
			{"whole sequence", 0, 4, []counts{{1, 2, 0, 3}, {1, 1, 1, 3}, {1, 1, 1, 3}, {1, 1, 0, 2}, {1, 0, 0, 1}},
				[2]float64{5.0 / 3, 1}, [2]float64{2, 2}, [2]int{3, 2}},
			// Day 2 has no scan: it starts from day 1's scan, before the window.
			{"from the gap", 2, 4, []counts{{1, 1, 1, 3}, {1, 1, 0, 2}, {1, 0, 0, 1}},
				[2]float64{2, 2}, [2]float64{3, 3}, [2]int{2, 1}},
			{"before any scan", -3, -1, []counts{{}, {}, {}}, [2]float64{}, [2]float64{}, [2]int{}},
		}
		for _, c := range cases {
			tr, err := s.Trend(context.Background(), Window{From: dayN(c.from), To: dayN(c.to)})
			if err != nil {
				t.Fatal(err)
			}
			var got []counts
			for _, d := range tr.Days {
				got = append(got, counts{d.Open[results.Critical], d.Open[results.High], d.Open[results.Medium], d.Total})
			}
			if !reflect.DeepEqual(got, c.days) {
				t.Errorf("%s: days %v, want %v", c.name, got, c.days)
			}
			if tr.Days[0].Date != dayN(c.from).Format(time.DateOnly) {
				t.Errorf("%s: first day %s", c.name, tr.Days[0].Date)
			}
			m := map[results.Severity]MTTR{}
			for _, x := range tr.MTTR {
				m[x.Severity] = x
			}
			if len(tr.MTTR) != len(results.Severities) {
				t.Errorf("%s: MTTR for %d severities, want every one", c.name, len(tr.MTTR))
			}
			for _, w := range []struct {
				sev  results.Severity
				want [2]float64
				n    int
			}{{results.Critical, c.crit, c.resolved[0]}, {results.High, c.high, c.resolved[1]}} {
				g := m[w.sev]
				if g.Resolved != w.n || !near(g.MeanDays, w.want[0]) || !near(g.MedianDays, w.want[1]) {
					t.Errorf("%s: MTTR %v = %+v, want %d resolved, mean %.3f, median %.3f", c.name, w.sev, g, w.n, w.want[0], w.want[1])
				}
			}
		}
		if _, err := s.Trend(context.Background(), Window{From: dayN(3), To: dayN(1)}); err == nil {
			t.Error("a window ending before it starts must be an error")
		}
	})
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestPrevious(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		scans := recordSequence(t, s)
		cases := []struct {
			of   int
			want int // -1: none
		}{{3, 1}, {2, -1}, {1, 0}, {0, -1}}
		for _, c := range cases {
			prev, ok, err := s.Previous(context.Background(), Ref{Scan: scans[c.of].ID})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case c.want < 0 && ok:
				t.Errorf("previous of scan %d: %v, want none", c.of, prev)
			case c.want >= 0 && (!ok || prev.Scan != scans[c.want].ID):
				t.Errorf("previous of scan %d: %v %v, want scan %d", c.of, prev, ok, scans[c.want].ID)
			}
		}
		if _, _, err := s.Previous(context.Background(), Ref{Scan: 999}); !IsNotFound(err) {
			t.Errorf("previous of an unknown scan: %v", err)
		}
	})
}

func TestOlderScanRecordedLateDoesNotRewindFindings(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		record(t, s, scan(dayN(5), []string{a1}, []res{{"mfa", a1, "userA", results.High, results.Fail}}), Meta{})
		// A scan collected earlier, recorded later, where the finding is absent.
		record(t, s, scan(dayN(2), []string{a1}, []res{{"mfa", a1, "other", results.High, results.Pass}}), Meta{})
		fs, err := s.Findings(context.Background(), FindingFilter{IDs: []string{fA}})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].ResolvedAt != nil || !fs[0].LastSeen.Equal(dayN(5)) {
			t.Errorf("finding after a late older scan: %+v", fs)
		}
	})
}

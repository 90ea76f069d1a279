package main

import (
	"testing"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/results"
)

func TestTrendOfDropsDaysWithoutData(t *testing.T) {
	day := func(date string, scopes, open int) history.TrendDay {
		return history.TrendDay{Date: date, Scopes: scopes, Open: map[results.Severity]int{results.High: open}}
	}
	for _, tc := range []struct {
		name string
		in   *history.Trend
		from string
		days int
	}{
		{"no trend", nil, "", 0},
		{"no data at all", &history.Trend{From: "d1", To: "d2", Days: []history.TrendDay{day("d1", 0, 0), day("d2", 0, 0)}}, "", 0},
		{"data from the second day", &history.Trend{From: "d1", To: "d3", Days: []history.TrendDay{day("d1", 0, 0), day("d2", 4, 3), day("d3", 4, 0)}}, "d2", 2},
		{"a day without scan inside the window is kept", &history.Trend{From: "d1", To: "d3", Days: []history.TrendDay{day("d1", 4, 3), day("d2", 0, 0), day("d3", 4, 1)}}, "d1", 3},
	} {
		got := trendOf(tc.in)
		if tc.days == 0 {
			if got != nil {
				t.Errorf("%s: %+v, want no trend", tc.name, got)
			}
			continue
		}
		if got == nil || got.From != tc.from || len(got.Days) != tc.days {
			t.Errorf("%s: %+v, want from %s, %d days", tc.name, got, tc.from, tc.days)
		}
	}
}

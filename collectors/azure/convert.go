package azure

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

var isoDuration = regexp.MustCompile(`^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// isoMinutes reads an ISO 8601 duration as PIM writes them ("PT8H",
// "PT30M", "P1D") in whole minutes.
func isoMinutes(d string) (int, bool) {
	m := isoDuration.FindStringSubmatch(strings.ToUpper(d))
	if m == nil || d == "P" || d == "PT" {
		return 0, false
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	secs := n(m[4])
	return n(m[1])*24*60 + n(m[2])*60 + n(m[3]) + (secs+59)/60, true
}

// principalType turns ARM's and Graph's type names ("User",
// "#microsoft.graph.servicePrincipal") into the snapshot's ("user",
// "servicePrincipal").
func principalType(s string) string {
	s = strings.TrimPrefix(s, "#microsoft.graph.")
	if s == "" {
		return "unknown"
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

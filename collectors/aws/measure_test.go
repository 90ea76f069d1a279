package aws

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestMeasureLargeAccount reports the calls and wall time to collect an
// account of 500 users and 500 roles in two regions. It builds a large
// world, so it runs only with RAMPART_MEASURE=1.
func TestMeasureLargeAccount(t *testing.T) {
	if os.Getenv("RAMPART_MEASURE") == "" {
		t.Skip("set RAMPART_MEASURE=1 to measure a 500-user, 500-role collection")
	}
	url := needMoto(t)
	b := standardWorld(t, url)
	for i := 0; i < 500; i++ {
		b.user(fmt.Sprintf("load-%03d", i), i%2 == 0, i%5 == 0, i%3)
		b.role(fmt.Sprintf("load-role-%03d", i), "/", trustService)
	}
	p := newProxy(t, url)
	start := time.Now()
	s, _ := collectVia(t, p, testOptions("", twoRegions...))
	elapsed := time.Since(start)
	a := s.AWS.Accounts[0]
	per := map[string]int{}
	for _, c := range p.log() {
		per[c.Service+":"+c.Operation]++
	}
	t.Logf("%d users, %d roles, 2 regions: %d API calls in %s", len(a.Users), len(a.Roles), len(p.log()), elapsed.Round(time.Millisecond))
	t.Logf("calls by operation: %v", per)
}

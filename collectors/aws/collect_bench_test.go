package aws

import (
	"fmt"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// BenchmarkCollectLargeAccount collects an account of 500 users and 500
// roles in two regions from moto, through the proxy that counts the calls
// on the wire. The world is built once, before b.Loop starts the timer
// (building it takes far longer than collecting it). Besides the time per
// collection it reports the API calls per collection, which must grow
// with pages, not with users (TestCallsGrowWithPagesNotUsers asserts it):
//
//	go test ./collectors/aws -run '^$' -bench CollectLargeAccount -benchtime 3x
func BenchmarkCollectLargeAccount(b *testing.B) {
	url := awstest.Need(b)
	w := awstest.StandardWorld(b, url)
	for i := range 500 {
		w.User(fmt.Sprintf("load-%03d", i), i%2 == 0, i%5 == 0, i%3)
		w.Role(fmt.Sprintf("load-role-%03d", i), "/", awstest.TrustService)
	}
	p := awstest.NewProxy(b, url)
	opts := testOptions("", twoRegions...)
	opts.ConfigOptions = awstest.ConfigOptions(p.URL)
	for b.Loop() {
		before := len(p.Log())
		s, err := Collect(b.Context(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if a := s.AWS.Accounts[0]; len(a.Users) != 503 || len(a.Roles) < 505 {
			b.Fatalf("collected %d users and %d roles", len(a.Users), len(a.Roles))
		}
		b.ReportMetric(float64(len(p.Log())-before), "calls/op")
	}
}

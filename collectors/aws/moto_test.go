package aws

import (
	"os"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// One moto server serves every test of this package (internal/awstest);
// tests that need it call awstest.Need, which resets it to an empty world.
func TestMain(m *testing.M) { os.Exit(awstest.Run(m)) }

// fixedNow is the clock of every test collection.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testOptions are collector options for tests: fixed clock, no real
// backoff, fast credential-report polling.
func testOptions(endpoint string, regions ...string) Options {
	return Options{
		Regions:          regions,
		Version:          "test",
		Now:              func() time.Time { return fixedNow },
		RetryMaxBackoff:  time.Millisecond,
		ReportPoll:       10 * time.Millisecond,
		ReportWait:       30 * time.Second,
		CallTimeout:      30 * time.Second,
		ConfigOptions:    awstest.ConfigOptions(endpoint),
		RetryMaxAttempts: 10,
	}
}

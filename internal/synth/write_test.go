package synth

import (
	"encoding/json"
	"os"
	"testing"
)

// TestWriteLargeAWS writes the snapshot of one account of 10,000 users
// and 10,000 roles to $RAMPART_SYNTH_OUT, for measuring the built binary
// (scripts/peak-rss.sh); without the variable it does nothing.
func TestWriteLargeAWS(t *testing.T) {
	out := os.Getenv("RAMPART_SYNTH_OUT")
	if out == "" {
		t.Skip("RAMPART_SYNTH_OUT not set")
	}
	raw, err := json.Marshal(LargeAWS(10000, 10000))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

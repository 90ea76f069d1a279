package aws

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// FuzzEvidence feeds the GAAD and credential-report readers together: the
// files are refused, or the snapshot built from them is one rampart reads
// back unchanged, every user with a report row carrying a row's data.
func FuzzEvidence(f *testing.F) {
	gaad, _ := os.ReadFile("testdata/gaad.json")
	report, _ := os.ReadFile("testdata/credential-report.csv")
	b64, _ := os.ReadFile("testdata/credential-report.b64")
	f.Add(gaad, report)
	f.Add(gaad, b64)
	f.Add([]byte(`{"UserDetailList": [], "RoleDetailList": [], "GroupDetailList": [], "Policies": []}`), report)
	f.Fuzz(func(t *testing.T, gaad, report []byte) {
		s, err := FromEvidence(Evidence{GAAD: gaad, GAADFile: "gaad.json", CredentialReport: report, CredentialReportFile: "report.csv",
			Version: "fuzz", Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "gaad.json") && !strings.Contains(msg, "report.csv") && !strings.Contains(msg, "credential report") && !strings.Contains(msg, "account") {
				t.Fatalf("error names neither file: %v", err)
			}
			return
		}
		raw, err := snapshot.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := snapshot.Decode("s.json", raw); err != nil {
			t.Fatalf("the snapshot built from evidence does not read back: %v", err)
		}
	})
}

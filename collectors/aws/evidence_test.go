package aws

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

func readEvidence(t *testing.T) Evidence {
	t.Helper()
	gaad, err := os.ReadFile("testdata/gaad.json")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := os.ReadFile("testdata/credential-report.csv")
	if err != nil {
		t.Fatal(err)
	}
	return Evidence{GAAD: gaad, GAADFile: "gaad.json", CredentialReport: rep, CredentialReportFile: "credential-report.csv",
		Version: "test", Now: func() time.Time { return fixedNow }}
}

// Offline evidence becomes a snapshot whose uncovered services are errors
// (NotInEvidence), pinned by a golden file a reviewer can read.
func TestFromEvidenceGolden(t *testing.T) {
	s, err := FromEvidence(readEvidence(t))
	if err != nil {
		t.Fatal(err)
	}
	got := encode(t, s)
	const golden = "testdata/evidence.golden.json"
	testutil.Golden(t, golden, got)
	// The golden file must be a valid snapshot.
	if _, err := snapshot.Decode(golden, got); err != nil {
		t.Errorf("golden snapshot does not decode: %v", err)
	}
	a := s.AWS.Accounts[0]
	if a.AccountID != "111111111111" || s.Source != snapshot.SourceEvidence {
		t.Errorf("account %s source %s", a.AccountID, s.Source)
	}
	if r := findRole(a, "broken-trust"); r.TrustPolicy != nil || r.TrustPolicyError == "" || !strings.HasPrefix(r.TrustPolicyRaw, `{"Version"`) {
		t.Errorf("broken trust policy must be kept raw with its error: %+v", r)
	}
	if r := findRole(a, "encoded-trust"); !strings.Contains(string(r.TrustPolicy), `"AWS":"*"`) {
		t.Errorf("encoded trust policy: %s", r.TrustPolicy)
	}
	if u := findUser(a, "admin"); !u.MFAActive || u.MFADevices != nil {
		t.Errorf("without ListVirtualMFADevices the MFA type is unknown (nil devices): %+v", u)
	}
	var notIn []string
	for _, e := range s.Errors {
		if e.Code == CodeNotInEvidence && e.Operation == "*" {
			notIn = append(notIn, e.Service)
		}
	}
	if len(notIn) != len(notInEvidence) {
		t.Errorf("NotInEvidence services: %v", notIn)
	}
}

func TestFromEvidenceBase64AndAccountID(t *testing.T) {
	ev := readEvidence(t)
	b64, err := os.ReadFile("testdata/credential-report.b64")
	if err != nil {
		t.Fatal(err)
	}
	ev.CredentialReport = b64
	from64, err := FromEvidence(ev)
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, _ := FromEvidence(readEvidence(t))
	if !bytes.Equal(encode(t, from64), encode(t, fromCSV)) {
		t.Error("base64 and CSV reports give different snapshots")
	}
	ev.AccountID = "333333333333"
	s, err := FromEvidence(ev)
	if err != nil || s.AWS.Accounts[0].AccountID != "333333333333" {
		t.Errorf("--account-id not honoured: %v", err)
	}
}

func TestFromEvidenceBadInput(t *testing.T) {
	tests := []struct {
		name, gaad, report, want string
	}{
		{"gaad not JSON", `{"UserDetailList": [`, "", "gaad.json:1:"},
		{"gaad something else", `{"Reservations": []}`, "", "not the output of get-account-authorization-details"},
		{"gaad wrong type", `{"UserDetailList": {"UserName": 1}}`, "", "gaad.json:1:"},
		{"report garbage", `{"UserDetailList": []}`, "%%%", "credential-report.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := readEvidence(t)
			ev.GAAD = []byte(tt.gaad)
			if tt.report != "" {
				ev.CredentialReport = []byte(tt.report)
			}
			_, err := FromEvidence(ev)
			var ie *snapshot.InputError
			if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want an input error containing %q", err, tt.want)
			}
		})
	}
}

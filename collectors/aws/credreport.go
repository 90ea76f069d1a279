package aws

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// credRow is one row of the IAM credential report, keyed by column name so
// that a report with reordered or added columns still reads correctly.
type credRow map[string]string

// rootRowUser is the user column of the root user's row.
const rootRowUser = "<root_account>"

// credReportColumns are the columns of IAM's credential report that
// rampart reads; a report lacking any of them is refused.
var credReportColumns = []string{
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service",
}

// credReport is a parsed credential report, rows by user ARN, plus the
// root row when present.
type credReport struct {
	byARN map[string]credRow
	root  credRow
}

// parseCredentialReport reads the report as IAM returns it (CSV) or as the
// AWS CLI prints it (base64 of the CSV, alone or in the JSON output of
// `aws iam get-credential-report`).
func parseCredentialReport(data []byte) (*credReport, error) {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(data) > 0 && data[0] == '{' {
		var out struct{ Content string }
		if err := json.Unmarshal(data, &out); err != nil {
			return nil, fmt.Errorf("credential report JSON: %w", err)
		}
		data = []byte(out.Content)
	}
	if !bytes.HasPrefix(data, []byte("user,")) {
		dec, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
		if err != nil {
			return nil, fmt.Errorf("credential report is neither CSV (a header starting with \"user,\") nor base64")
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("credential report header: %w", err)
	}
	var missing []string
	for _, col := range credReportColumns {
		if !contains(header, col) {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		// A trimmed report would turn its absent columns into "no key",
		// "never used": false PASSes. IAM always writes them all.
		return nil, fmt.Errorf("credential report: column %s missing (IAM's credential report has every column rampart reads: %s)", strings.Join(missing, ", "), strings.Join(credReportColumns, ","))
	}
	rep := &credReport{byARN: map[string]credRow{}}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("credential report line %d: %w", line, err)
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("credential report line %d: %d fields, header has %d", line, len(rec), len(header))
		}
		row := credRow{}
		for i, col := range header {
			row[col] = rec[i]
		}
		if row["user"] == rootRowUser {
			rep.root = row
		} else {
			rep.byARN[row["arn"]] = row
		}
	}
	return rep, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// time reads a date column; N/A, no_information and not_supported are
// "no date".
func (r credRow) time(col string) *time.Time {
	v := r[col]
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

// flag reads a true/false column; other values (not_supported) are nil.
func (r credRow) flag(col string) *bool {
	switch r[col] {
	case "true":
		v := true
		return &v
	case "false":
		v := false
		return &v
	}
	return nil
}

func (r credRow) is(col string) bool { return r[col] == "true" }

// str reads a text column, with the report's placeholders as "".
func (r credRow) str(col string) string {
	switch v := r[col]; v {
	case "N/A", "no_information", "not_supported":
		return ""
	default:
		return v
	}
}

// accessKeys returns the key slots of a row that hold a key: active, or
// with a rotation date (an inactive key still exists).
func (r credRow) accessKeys() []snapshot.AccessKey {
	keys := []snapshot.AccessKey{}
	for slot := 1; slot <= 2; slot++ {
		p := fmt.Sprintf("access_key_%d_", slot)
		if !r.is(p+"active") && r.time(p+"last_rotated") == nil {
			continue
		}
		keys = append(keys, snapshot.AccessKey{
			Slot:           slot,
			Active:         r.is(p + "active"),
			Created:        r.time(p + "last_rotated"),
			LastUsed:       r.time(p + "last_used_date"),
			LastUsedRegion: r.str(p + "last_used_region"),
			LastUsedSvc:    r.str(p + "last_used_service"),
		})
	}
	return keys
}

// mfaDevices maps user (and root) ARNs to their assigned virtual MFA
// devices; nil when ListVirtualMFADevices could not be read.
type mfaDevices map[string][]string

// devices returns the MFA devices of a principal. Virtual devices are the
// ones ListVirtualMFADevices assigns to it. IAM has no bulk call that lists
// hardware tokens or FIDO keys, so a principal the credential report marks
// mfa_active with no virtual device is given one device of type "hardware":
// that is inferred, not listed. When the virtual devices are unknown the
// result is nil (not collected) for a principal with MFA, and empty for
// one without.
func (m mfaDevices) devices(arn string, mfaActive bool) []snapshot.MFADevice {
	if m == nil && mfaActive {
		return nil
	}
	out := []snapshot.MFADevice{}
	for _, serial := range m[arn] {
		out = append(out, snapshot.MFADevice{Serial: serial, Type: "virtual"})
	}
	if mfaActive && len(out) == 0 {
		out = append(out, snapshot.MFADevice{Type: "hardware"})
	}
	return out
}

// mergeCredentialReport fills the users' password, MFA and key fields from
// the report. A user without a row keeps CredentialReport=false: those
// fields are then unknown, not "no MFA". When the report is nil (not
// collected), users keep CredentialReport=false and nil devices and keys.
func mergeCredentialReport(users []snapshot.IAMUser, rep *credReport, mfa mfaDevices) {
	for i := range users {
		u := &users[i]
		if rep == nil {
			continue
		}
		row, ok := rep.byARN[u.ARN]
		if !ok {
			continue
		}
		u.CredentialReport = true
		u.PasswordEnabled = row.is("password_enabled")
		u.PasswordLastUsed = row.time("password_last_used")
		u.PasswordLastChanged = row.time("password_last_changed")
		u.MFAActive = row.is("mfa_active")
		u.MFADevices = mfa.devices(u.ARN, u.MFAActive)
		u.AccessKeys = row.accessKeys()
	}
}

// rootFromReport builds the root user from its credential-report row.
func rootFromReport(row credRow, arn string, mfa mfaDevices) *snapshot.RootUser {
	keys := row.accessKeys()
	active := 0
	for _, k := range keys {
		if k.Active {
			active++
		}
	}
	if a := row["arn"]; a != "" {
		arn = a
	}
	return &snapshot.RootUser{
		ARN:              arn,
		Created:          row.time("user_creation_time"),
		PasswordEnabled:  row.flag("password_enabled"),
		PasswordLastUsed: row.time("password_last_used"),
		MFAActive:        row.is("mfa_active"),
		MFADevices:       mfa.devices(arn, row.is("mfa_active")),
		AccessKeys:       keys,
		ActiveAccessKeys: active,
	}
}

// rootFromSummary is the fallback when the report has no root row: MFA and
// the presence of keys come from GetAccountSummary, key details are
// unknown (AccessKeys nil).
func rootFromSummary(summary map[string]int, arn string, mfa mfaDevices) *snapshot.RootUser {
	active := summary["AccountMFAEnabled"] == 1
	return &snapshot.RootUser{
		ARN:              arn,
		MFAActive:        active,
		MFADevices:       mfa.devices(arn, active),
		ActiveAccessKeys: summary["AccountAccessKeysPresent"],
	}
}

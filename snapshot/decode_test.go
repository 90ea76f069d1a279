package snapshot

import (
	"fmt"
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	data := []byte("{\n  \"a\": tru,\n}")
	for _, tc := range []struct {
		offset    int64
		line, col int
	}{
		{1, 1, 1},  // the opening brace
		{11, 2, 9}, // the comma after "tru"
		{0, 1, 1},
		{999, 3, 2}, // past the end: the last byte
	} {
		l, c := Position(data, tc.offset)
		if l != tc.line || c != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.offset, l, c, tc.line, tc.col)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"syntax", "{\n  \"schema\": \"rampart.snapshot/v1\",\n  \"collected_at\": ,\n}", "s.json:3:19: invalid JSON"},
		{"no schema", `{"collected_at": "2026-01-01T00:00:00Z"}`, `s.json: not a rampart snapshot: no "schema" key`},
		{"other version", `{"schema": "rampart.snapshot/v2"}`, `unsupported snapshot schema "rampart.snapshot/v2"`},
		{"unknown field", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "colected": 1}`, `s.json: unknown field "colected"`},
		{"wrong type", "{\"schema\": \"rampart.snapshot/v1\",\n\"collected_at\": \"2026-01-01T00:00:00Z\", \"scopes\": {}}", "s.json:2:51: scopes: expected a JSON array, found a JSON object"},
		{"wrong type nested", "{\"schema\": \"rampart.snapshot/v1\", \"collected_at\": \"2026-01-01T00:00:00Z\", \"scopes\": [{\"regions\": \"eu-west-1\"}]}", "scopes.regions: expected a JSON array, found a string"},
		{"number for a string", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "scopes": [{"account": 111111111111}]}`, "scopes.account: expected a string, found a number"},
		{"bad time", "{\"schema\": \"rampart.snapshot/v1\",\n \"collected_at\": \"yesterday\"}", `s.json:2:18: collected_at: expected an RFC 3339 time such as 2026-01-31T00:00:00Z, found "yesterday"`},
		{"bad nested time", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "aws": {"accounts": [{"account_id": "1", "users": [{"name": "u", "created": "2026-13-01"}]}]}}`, `created: expected an RFC 3339 time such as 2026-01-31T00:00:00Z, found "2026-13-01"`},
		{"no time", `{"schema": "rampart.snapshot/v1"}`, `"collected_at" is missing`},
		{"trailing data", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z"} {}`, "s.json:1:75: unexpected data after the snapshot"},
		{"key in another case", "{\"schema\": \"rampart.snapshot/v1\", \"collected_at\": \"2026-01-01T00:00:00Z\",\n \"Source\": \"terraform-plan\"}", `s.json:2:2: key "Source": expected "source" (keys are case-sensitive)`},
		{"nested key in another case", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "aws": {"accounts": [{"account_id": "111111111111", "Root": {"mfa_active": false}}]}}`, `key "Root": expected "root"`},
		{"duplicate key", "{\"schema\": \"rampart.snapshot/v1\", \"collected_at\": \"2026-01-01T00:00:00Z\",\n\"aws\": {\"accounts\": [{\"account_id\": \"111111111111\", \"root\": {\"mfa_active\": false, \"mfa_active\": true}}]}}", `s.json:2:83: key "mfa_active" given twice in one object`},
		{"duplicate top-level key", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "source": "api", "source": "terraform-plan"}`, `key "source" given twice`},
		{"duplicate key in a large map", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "aws": {"accounts": [{"account_id": "111111111111", "account_summary": {` + manyKeys(40) + `, "k3": 1}}]}}`, `key "k3" given twice`},
		{"truncated", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "scopes": [`, "s.json:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("s.json", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// manyKeys is "k0": 0, "k1": 1, ... for n keys.
func manyKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q: %d", fmt.Sprintf("k%d", i), i)
	}
	return strings.Join(parts, ", ")
}

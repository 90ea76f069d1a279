package snapshot

import (
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
		{"wrong type", "{\"schema\": \"rampart.snapshot/v1\",\n\"collected_at\": \"2026-01-01T00:00:00Z\", \"scopes\": {}}", "s.json:2:51: scopes: expected []snapshot.Scope, found JSON object"},
		{"no time", `{"schema": "rampart.snapshot/v1"}`, `"collected_at" is missing`},
		{"trailing data", `{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z"} {}`, "s.json:1:75: unexpected data after the snapshot"},
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

package snapshot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: whatever the bytes, Decode either refuses them with an
// InputError or returns a snapshot that is valid: encoding it and decoding
// the result gives the same snapshot, byte for byte.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("../examples/*.json")
	more, _ := filepath.Glob("../cmd/rampart/testdata/*.json")
	for _, p := range append(seeds, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"schema": "rampart.snapshot/v1", "collected_at": "2026-01-01T00:00:00Z", "scopes": [], "errors": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode("f.json", data)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error of type %T, want *InputError: %v", err, err)
			}
			return
		}
		once, err := Marshal(s)
		if err != nil {
			t.Fatalf("a decoded snapshot does not encode: %v", err)
		}
		again, err := Decode("f.json", once)
		if err != nil {
			t.Fatalf("a decoded snapshot, encoded, does not decode: %v\n%s", err, once)
		}
		twice, _ := Marshal(again)
		if !bytes.Equal(once, twice) {
			t.Fatalf("round trip changed the snapshot:\n%s\n%s", once, twice)
		}
	})
}

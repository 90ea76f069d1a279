package terraform_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// FuzzMap: whatever the bytes, mapping a plan (with every provider mapper,
// as rampart eval does) either refuses it with an InputError naming the
// file, or gives a snapshot that rampart reads back: encoded, it decodes
// with snapshot.Decode (the strict reader of snapshot files), and encodes
// again to the same bytes. Seeds are the real plans of testdata/ and a
// few hand-made edge cases.
func FuzzMap(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.json")
	for _, p := range seeds {
		if strings.HasSuffix(p, ".snapshot.json") {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version": "1.2", "resource_changes": []}`))
	f.Add([]byte(`{"format_version": "1.2", "resource_changes": [], "planned_values": {"root_module": {"resources": [{"address": "aws_iam_user.u", "mode": "managed"}]}}}`))
	f.Add([]byte(`{"format_version": "0.1", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "values": {"name": "r", "assume_role_policy": "{\"Statement\": []}"}}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := tf.Map("plan.json", data, tf.Options{Providers: providers(), Now: epoch, Version: "fuzz"})
		if err != nil {
			var ie *snapshot.InputError
			if !errors.As(err, &ie) || ie.File != "plan.json" {
				t.Fatalf("error of type %T not naming plan.json: %v", err, err)
			}
			return
		}
		once, err := snapshot.Marshal(s)
		if err != nil {
			t.Fatalf("the mapped snapshot does not encode: %v", err)
		}
		back, err := snapshot.Decode("snapshot.json", once)
		if err != nil {
			t.Fatalf("the mapped snapshot does not read back: %v\n%s", err, once)
		}
		twice, err := snapshot.Marshal(back)
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("the mapped snapshot changed reading back (%v):\n%s\n%s", err, once, twice)
		}
	})
}

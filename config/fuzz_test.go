package config

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzParse: a file is refused or decodes to a configuration whose
// thresholds are positive, and whose JSON, read back as YAML, decodes to
// the same configuration.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"../examples/rampart.yaml", "../cmd/rampart/testdata/config-unknown-key.yaml", "../cmd/rampart/testdata/config-wrong-type.yaml"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("thresholds:\n  idle_days: 30\nzone:\n  owners: [ops]\n  strict: true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("c.yaml", data, zone)
		if err != nil {
			return
		}
		for k, v := range cfg.Thresholds {
			if v <= 0 {
				t.Fatalf("threshold %s = %d accepted", k, v)
			}
		}
		once, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("c.json", once, zone)
		if err != nil {
			t.Fatalf("the configuration's own JSON is refused: %v\n%s", err, once)
		}
		twice, _ := json.Marshal(back)
		if string(once) != string(twice) {
			t.Fatalf("round trip changed the configuration:\n%s\n%s", once, twice)
		}
	})
}

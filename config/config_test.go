package config

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// zoneConfig is a made-up cloud's section: the package is tested without
// knowing any real cloud.
type zoneConfig struct {
	Owners []string `yaml:"owners" json:"owners"`
	Strict bool     `yaml:"strict" json:"strict"`
}

var zone = Section{
	Name:       "zone",
	Defaults:   func() any { return &zoneConfig{Owners: []string{}} },
	Thresholds: map[string]int{"idle_days": 90, "max_keys": 2},
	Validate: func(v any) error {
		for _, o := range v.(*zoneConfig).Owners {
			if o == "" {
				return errors.New("zone owner: expected a name, got an empty string")
			}
		}
		return nil
	},
}

func TestParse(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("thresholds:\n  idle_days: 30\nzone:\n  owners: [ops]\n"), zone)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Thresholds["idle_days"] != 30 {
		t.Errorf("idle_days = %d, want 30", cfg.Thresholds["idle_days"])
	}
	if cfg.Thresholds["max_keys"] != 2 {
		t.Errorf("a key the file leaves out must keep its default, got %d", cfg.Thresholds["max_keys"])
	}
	z, ok := SectionOf[*zoneConfig](cfg, "zone")
	if !ok || len(z.Owners) != 1 || z.Owners[0] != "ops" {
		t.Errorf("zone section = %+v, %v", z, ok)
	}
	got, _ := json.Marshal(cfg)
	if want := `{"thresholds":{"idle_days":30,"max_keys":2},"zone":{"owners":["ops"],"strict":false}}`; string(got) != want {
		t.Errorf("JSON for policies:\n got %s\nwant %s", got, want)
	}
}

func TestParseEmptyIsDefaults(t *testing.T) {
	for _, in := range []string{"", "zone:\n", "thresholds:\n"} {
		cfg, err := Parse("c.yaml", []byte(in), zone)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		got, _ := json.Marshal(cfg)
		want, _ := json.Marshal(Default(zone))
		if string(got) != string(want) {
			t.Errorf("%q: got %s, want the defaults %s", in, got, want)
		}
	}
}

func TestParseBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unknown threshold", "thresholds:\n  idle_dayz: 30\n", `c.yaml: line 2: unknown key "idle_dayz"`},
		{"unknown section", "zon:\n  x: 1\n", `c.yaml: line 1: unknown key "zon"`},
		{"unknown key in a section", "zone:\n  owner: [a]\n", `c.yaml: line 2: unknown key "owner"`},
		{"wrong type in a section", "zone:\n  strict: maybe\n", "c.yaml: line 2: wrong type"},
		{"word for a number", "thresholds:\n  idle_days: ninety\n", `c.yaml: line 2: thresholds.idle_days: expected a whole number, got "ninety"`},
		{"fraction for a number", "thresholds:\n  idle_days: 1.5\n", `c.yaml: line 2: thresholds.idle_days: expected a whole number, got "1.5"`},
		{"list for a number", "thresholds:\n  idle_days: [1]\n", "c.yaml: line 2: thresholds.idle_days: expected a whole number"},
		{"negative threshold", "thresholds:\n  idle_days: -1\n", "c.yaml: line 2: thresholds.idle_days: expected a positive number, got -1"},
		{"thresholds not a map", "thresholds: 3\n", "c.yaml: line 1: thresholds: expected a mapping"},
		{"section check", "zone:\n  owners: ['']\n", "c.yaml: zone owner: expected a name"},
		{"duplicate threshold", "thresholds:\n  idle_days: 30\n  idle_days: 1\n", `c.yaml: line 3: duplicate key "idle_days" (first at line 2)`},
		{"duplicate key in a section", "zone:\n  strict: true\n  strict: false\n", `c.yaml: line 3`},
		{"duplicate section", "zone:\n  strict: true\nzone:\n  strict: false\n", `c.yaml: line 3`},
		{"not yaml", "thresholds: [unclosed\n", "c.yaml: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml), zone)
			if err == nil {
				t.Fatal("expected an error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestSectionsMayNotCollide(t *testing.T) {
	other := Section{Name: "other", Defaults: func() any { return &zoneConfig{} }, Thresholds: map[string]int{"idle_days": 1}}
	if _, err := Parse("c.yaml", nil, zone, other); err == nil || !strings.Contains(err.Error(), `threshold "idle_days" declared by both`) {
		t.Errorf("two sections declaring one threshold: got %v", err)
	}
	if _, err := Parse("c.yaml", nil, zone, zone); err == nil {
		t.Error("a section declared twice must be refused")
	}
}

// Package config reads rampart's YAML configuration: the shared thresholds
// of the time- and size-based controls, and one section per cloud that the
// cloud declares itself (what the organization considers its own accounts,
// trusted third parties, approved admins). The package knows no cloud's
// fields. Unknown keys and wrong types are errors, because a misspelt
// threshold silently left at its default is a false PASS waiting to happen.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Section declares one cloud's part of the configuration file.
type Section struct {
	// Name is the section's top-level key ("aws"); policies read the
	// section as data.rampart.config.<Name>.
	Name string
	// Defaults returns a new pointer to the section's struct (with yaml
	// and json tags) filled with its defaults.
	Defaults func() any
	// Thresholds are the keys the cloud reads under the shared
	// `thresholds:` map, with their defaults. Every threshold is a
	// positive whole number.
	Thresholds map[string]int
	// Validate, when set, checks a decoded section (the pointer Defaults
	// returned, filled from the file).
	Validate func(section any) error
}

// Config is a configuration decoded against the sections of the clouds
// rampart knows. Its JSON form, handed to policies as data.rampart.config,
// is {"thresholds": {...}, "<section>": {...}, ...}.
type Config struct {
	// Thresholds holds every declared threshold, from the file or its
	// default.
	Thresholds map[string]int
	sections   map[string]any
}

// Default is the configuration used when no file is given: every declared
// section and threshold at its default.
func Default(sections ...Section) Config {
	c := Config{Thresholds: map[string]int{}, sections: map[string]any{}}
	for _, s := range sections {
		c.sections[s.Name] = s.Defaults()
		for k, v := range s.Thresholds {
			c.Thresholds[k] = v
		}
	}
	return c
}

// Section returns the named section (the pointer its Defaults returned),
// nil when no cloud declared it.
func (c Config) Section(name string) any { return c.sections[name] }

// SectionOf returns the named section as T (a pointer to the section's
// struct). ok is false when the section was not declared or is of another
// type.
func SectionOf[T any](c Config, name string) (v T, ok bool) {
	v, ok = c.sections[name].(T)
	return v, ok
}

// MarshalJSON writes the configuration as policies read it.
func (c Config) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(c.sections)+1)
	for k, v := range c.sections {
		m[k] = v
	}
	th := c.Thresholds
	if th == nil {
		th = map[string]int{}
	}
	m["thresholds"] = th
	return json.Marshal(m)
}

// Load reads the file at path over the defaults: keys the file leaves out
// keep their default.
func Load(path string, sections ...Section) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, errors.Unwrap(err))
	}
	return Parse(path, data, sections...)
}

// Parse reads configuration data, naming file in errors.
func Parse(file string, data []byte, sections ...Section) (Config, error) {
	cfg := Default(sections...)
	if err := checkUnique(sections); err != nil {
		return Config{}, err
	}
	// The file is decoded into a struct built from the declared sections,
	// so that yaml's strict mode reports unknown keys and wrong types at
	// their line inside every section, with no section known here.
	fields := []reflect.StructField{{Name: "Thresholds", Type: reflect.TypeOf(yaml.Node{}), Tag: `yaml:"thresholds"`}}
	for i, s := range sections {
		fields = append(fields, reflect.StructField{
			Name: "S" + strconv.Itoa(i),
			Type: reflect.TypeOf(cfg.sections[s.Name]),
			Tag:  reflect.StructTag(`yaml:"` + s.Name + `"`),
		})
	}
	doc := reflect.New(reflect.StructOf(fields)).Elem()
	for i, s := range sections {
		doc.Field(i + 1).Set(reflect.ValueOf(cfg.sections[s.Name]))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(doc.Addr().Interface()); err != nil && err != io.EOF {
		return Config{}, fmt.Errorf("%s: %s", file, yamlMessage(err))
	}
	for i, s := range sections {
		// An empty section ("aws:" alone) decodes as null: keep defaults.
		if f := doc.Field(i + 1); !f.IsNil() {
			cfg.sections[s.Name] = f.Interface()
		}
	}
	if err := decodeThresholds(doc.Field(0).Addr().Interface().(*yaml.Node), cfg.Thresholds); err != nil {
		return Config{}, fmt.Errorf("%s: %w", file, err)
	}
	for _, s := range sections {
		if s.Validate == nil {
			continue
		}
		if err := s.Validate(cfg.sections[s.Name]); err != nil {
			return Config{}, fmt.Errorf("%s: %w", file, err)
		}
	}
	return cfg, nil
}

// decodeThresholds reads the `thresholds:` mapping into th, whose keys are
// the declared thresholds. Each value must be a positive whole number
// written as one: 1.5 days is not silently read as 1.
func decodeThresholds(n *yaml.Node, th map[string]int) error {
	if n.Kind == 0 || n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: thresholds: expected a mapping of names to numbers", n.Line)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			return fmt.Errorf("line %d: duplicate key %q (first at line %d)", k.Line, k.Value, first)
		}
		seen[k.Value] = k.Line
		if _, ok := th[k.Value]; !ok {
			return fmt.Errorf("line %d: unknown key %q (thresholds are: %s)", k.Line, k.Value, strings.Join(sortedKeys(th), ", "))
		}
		num, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil {
			return fmt.Errorf("line %d: thresholds.%s: expected a whole number, got %q", v.Line, k.Value, v.Value)
		}
		if num <= 0 {
			return fmt.Errorf("line %d: thresholds.%s: expected a positive number, got %d", v.Line, k.Value, num)
		}
		th[k.Value] = num
	}
	return nil
}

// checkUnique refuses two sections, or two thresholds, of the same name:
// the second would silently shadow the first.
func checkUnique(sections []Section) error {
	names, ths := map[string]bool{}, map[string]string{}
	for _, s := range sections {
		if names[s.Name] || s.Name == "thresholds" {
			return fmt.Errorf("config section %q declared twice", s.Name)
		}
		names[s.Name] = true
		for k := range s.Thresholds {
			if other, dup := ths[k]; dup {
				return fmt.Errorf("threshold %q declared by both %s and %s", k, other, s.Name)
			}
			ths[k] = s.Name
		}
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// yamlMessage turns yaml.v3's "yaml: unmarshal errors:\n  line 3: field x
// not found in type config.AWS" into "line 3: unknown key x".
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, 0, len(te.Errors))
		for _, m := range te.Errors {
			if i := strings.Index(m, "field "); i >= 0 && strings.Contains(m, " not found in type ") {
				name := strings.SplitN(m[i+len("field "):], " ", 2)[0]
				m = m[:i] + "unknown key " + strconv.Quote(name)
			} else {
				m = strings.Replace(m, "cannot unmarshal", "wrong type: cannot read", 1)
			}
			msgs = append(msgs, m)
		}
		return strings.Join(msgs, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

package snapshot

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
)

// JSONSchema returns the JSON Schema (draft-07) of the snapshot model,
// derived from the Go types so the two cannot drift apart. The committed
// copy in schema/ is checked against it by a test, and the policy engine
// type-checks Rego against it.
func JSONSchema() ([]byte, error) {
	g := schemaGen{defs: map[string]any{}}
	root := g.object(reflect.TypeOf(Snapshot{}))
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = "https://rampart.dev/schema/rampart.snapshot.v1.json"
	root["title"] = "rampart snapshot v1"
	root["definitions"] = g.defs
	props := root["properties"].(map[string]any)
	props["schema"] = map[string]any{"const": Schema}
	props["source"] = map[string]any{"enum": []string{string(SourceAPI), string(SourceEvidence), string(SourceTerraformPlan)}}
	return json.MarshalIndent(root, "", "  ")
}

type schemaGen struct{ defs map[string]any }

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// field returns the schema of a struct field's type; nullable is true for
// the Go kinds that encode as null (pointers, slices, maps, raw JSON).
func (g *schemaGen) field(t reflect.Type) map[string]any {
	switch {
	case t == rawType:
		return map[string]any{} // any JSON value, null included
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.field(t.Elem())
		return nullable(s)
	case reflect.Slice:
		return nullable(map[string]any{"type": "array", "items": g.field(t.Elem())})
	case reflect.Map:
		s := map[string]any{"type": "object"}
		if t.Elem().Kind() != reflect.Interface {
			s["additionalProperties"] = g.field(t.Elem())
		}
		return nullable(s)
	case reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // reserve against recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/definitions/" + name}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Interface:
		return map[string]any{}
	}
	panic("snapshot: no schema for " + t.String())
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	required := []string{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		props[name] = g.field(f.Type)
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	return map[string]any{
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}
}

func nullable(s map[string]any) map[string]any {
	if ref, ok := s["$ref"]; ok {
		return map[string]any{"anyOf": []any{map[string]any{"$ref": ref}, map[string]any{"type": "null"}}}
	}
	if typ, ok := s["type"].(string); ok {
		s["type"] = []string{typ, "null"}
	}
	return s
}

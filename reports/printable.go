package reports

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// Printable escapes what a terminal or a Markdown renderer would act on
// instead of showing: control characters (ESC starting a colour or
// cursor sequence, CR overwriting a line, BEL), DEL,
// C1 controls, and the Unicode controls that reorder text on screen.
// Inputs are not trusted to be plain text: a for_each key or a policy
// name may hold any of them. Newlines and tabs are kept: every format
// that shows text folds or wraps them itself.
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
			b.WriteRune(r) // layout, not control: the formats fold them
		case r == '\r':
			b.WriteString(`\r`)
		case escaped(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if escaped(r) && r != '\t' && r != '\n' {
			return true
		}
	}
	return false
}

// escaped is true for C0 and C1 controls, DEL, and the bidirectional
// formatting characters (embeddings, overrides, isolates, marks).
func escaped(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// printableReport is a copy of r whose every string is Printable, for the
// formats a person reads in a terminal or a rendered page (table,
// Markdown, the errors view). JSON, SARIF and the others keep the text as
// it is: their encoders escape it.
func printableReport(r *results.Report) *results.Report {
	if !hasEscape(reflect.ValueOf(r)) {
		return r // the usual case: no copy
	}
	return printableValue(reflect.ValueOf(r)).Interface().(*results.Report)
}

// hasEscape reports whether any string reachable from v needs Printable.
func hasEscape(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return needsEscape(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && hasEscape(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && hasEscape(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if hasEscape(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if hasEscape(it.Key()) || hasEscape(it.Value()) {
				return true
			}
		}
	}
	return false
}

func printableValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(Printable(v.String()))
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(printableValue(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(printableValue(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(printableValue(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(printableValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			out.SetMapIndex(printableValue(it.Key()), printableValue(it.Value()))
		}
		return out
	}
	return v
}

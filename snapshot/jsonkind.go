package snapshot

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"time"
)

// jsonKind says what JSON a Go type reads, in the words of the file's
// author: "a JSON object", never the Go type (a struct's fields and tags
// mean nothing to someone who wrote a plan or a snapshot).
func jsonKind(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a JSON value"
	}
	switch {
	case t == timeType:
		return "an RFC 3339 time string"
	case t == rawType:
		return "a JSON value"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "a JSON array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a JSON value"
}

// foundKind names what encoding/json found ("string", "number 1.5",
// "object") as a JSON kind.
func foundKind(value string) string {
	switch {
	case value == "object":
		return "a JSON object"
	case value == "array":
		return "a JSON array"
	case value == "string":
		return "a string"
	case value == "bool":
		return "true or false"
	case strings.HasPrefix(value, "number"):
		return "a " + value
	case value == "null":
		return "null"
	}
	return value
}

// keyBefore finds the key of the value that starts at the end of text.
var keyBefore = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"\s*:\s*$`)

// timeError places a time that does not parse: encoding/json gives no
// offset for it, so the value is looked up in the file, and named by its
// key.
func timeError(file string, data []byte, err error) error {
	var pe *time.ParseError
	errors.As(err, &pe)
	lit, _ := json.Marshal(pe.Value)
	field := "time"
	at := strings.Index(string(data), string(lit))
	if at < 0 {
		return &InputError{File: file, Msg: "a time is not RFC 3339 (such as 2026-01-31T00:00:00Z): " + string(lit)}
	}
	if m := keyBefore.FindSubmatch(data[:at]); m != nil {
		field = string(m[1])
	}
	l, c := Position(data, int64(at)+1)
	return &InputError{File: file, Line: l, Col: c, Msg: field + ": expected an RFC 3339 time such as 2026-01-31T00:00:00Z, found " + string(lit)}
}

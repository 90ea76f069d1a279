package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// checkKeys walks data, a JSON document that already decoded into a value
// of type t, and refuses what encoding/json silently accepts but the
// policies, which read the raw JSON, would see differently: a key written
// in another case than the schema's ("Root" for "root": Go fills root, the
// policies find no root), and a key given twice in one object (Go keeps
// the last, a reviewer reads the first); and a negative count (see
// isInteger).
//
// It is a byte scanner rather than a json.Decoder token walk: the document
// is known to be valid JSON, and the token walk cost five times the
// decoding itself on a 20 MB snapshot.
func checkKeys(file string, data []byte, t reflect.Type) error {
	c := keyScanner{file: file, data: data}
	_, err := c.value(0, t)
	return err
}

type keyScanner struct {
	file string
	data []byte
}

func (c *keyScanner) fail(at int, msg string) error {
	l, col := Position(c.data, int64(at)+1)
	return &InputError{File: c.file, Line: l, Col: col, Msg: msg}
}

func (c *keyScanner) skipSpace(i int) int {
	for i < len(c.data) {
		switch c.data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// str returns the end of the string starting at the quote at i, and
// whether it holds an escape.
func (c *keyScanner) str(i int) (end int, escaped bool) {
	for i++; i < len(c.data); i++ {
		switch c.data[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			return i + 1, escaped
		}
	}
	return i, escaped
}

// value scans the JSON value at i, which decodes into type t (nil: any
// value, not checked further), and returns the index after it.
func (c *keyScanner) value(i int, t reflect.Type) (int, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	i = c.skipSpace(i)
	if i >= len(c.data) {
		return i, nil
	}
	switch c.data[i] {
	case '{':
		return c.object(i, t)
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		i = c.skipSpace(i + 1)
		for i < len(c.data) && c.data[i] != ']' {
			var err error
			if i, err = c.member(i, elem); err != nil {
				return i, err
			}
		}
		return i + 1, nil
	case '"':
		end, _ := c.str(i)
		return end, nil
	}
	for i < len(c.data) && !bytes.ContainsRune([]byte(",]} \t\r\n"), rune(c.data[i])) {
		i++
	}
	return i, nil
}

func (c *keyScanner) object(i int, t reflect.Type) (int, error) {
	var fields map[string]reflect.Type
	var elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = fieldsOf(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	// Objects are small: a slice finds duplicates without a map per
	// object; past 32 keys a map keeps a hostile object linear.
	var seen []string
	var seenMap map[string]bool
	i = c.skipSpace(i + 1)
	for i < len(c.data) && c.data[i] != '}' {
		start := i
		end, escaped := c.str(i)
		key := string(c.data[start+1 : end-1])
		if escaped {
			_ = json.Unmarshal(c.data[start:end], &key)
		}
		dup := seenMap[key]
		for _, k := range seen {
			dup = dup || k == key
		}
		if dup {
			return i, c.fail(start, fmt.Sprintf("key %q given twice in one object: each key once", key))
		}
		if seen = append(seen, key); len(seen) > 32 {
			if seenMap == nil {
				seenMap = map[string]bool{}
			}
			for _, k := range seen {
				seenMap[k] = true
			}
			seen = seen[:0]
		}
		next := elem
		if fields != nil {
			ft, exact := fields[key]
			if !exact {
				for name := range fields {
					if strings.EqualFold(name, key) {
						return i, c.fail(start, fmt.Sprintf("key %q: expected %q (keys are case-sensitive)", key, name))
					}
				}
			}
			next = ft
		}
		i = c.skipSpace(end)
		if v := c.skipSpace(i + 1); v < len(c.data) && c.data[v] == '-' && isInteger(next) {
			return i, c.fail(v, fmt.Sprintf("%q: expected a count of 0 or more, found a negative number", key))
		}
		var err error
		if i, err = c.member(i+1, next); err != nil { // i+1: past the colon
			return i, err
		}
	}
	return i + 1, nil
}

// member scans an element of an array or the value of an object member,
// and the comma after it.
func (c *keyScanner) member(i int, t reflect.Type) (int, error) {
	i, err := c.value(i, t)
	if err != nil {
		return i, err
	}
	i = c.skipSpace(i)
	if i < len(c.data) && c.data[i] == ',' {
		i++
	}
	return c.skipSpace(i), nil
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf maps the JSON names of a struct's fields to their types (nil
// for a field holding any JSON: its keys are not the schema's).
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		ft := f.Type
		if ft == reflect.TypeOf(json.RawMessage{}) || ft.Kind() == reflect.Interface {
			ft = nil
		}
		m[name] = ft
	}
	fieldCache.Store(t, m)
	return m
}

// isInteger reports whether t (or what it points to) is an integer.
// Every integer of the snapshot is a count, a size or a duration (active
// access keys, a password length, minutes): a negative one is not data a
// collector could have read, and a policy comparing it (`> 0`) would
// quietly decide on it, so it is refused as bad input.
func isInteger(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

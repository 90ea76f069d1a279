package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"
)

// InputError is a problem with an input file: which file, where in it, and
// what was expected there. Its message is the one line the CLI prints.
type InputError struct {
	File string
	Line int // 1-based; 0 when the problem concerns the whole file
	Col  int
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Position is the 1-based line and column of the byte at which a decoder
// that stopped after reading offset bytes of data gave up: encoding/json's
// offsets count the offending byte as read.
func Position(data []byte, offset int64) (line, col int) {
	i := min(max(offset-1, 0), int64(len(data)))
	before := data[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(i) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// JSONError turns an encoding/json error about data, read from file, into an
// InputError with the position of the problem.
func JSONError(file string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		l, c := Position(data, syn.Offset)
		return &InputError{File: file, Line: l, Col: c, Msg: "invalid JSON: " + syn.Error()}
	case errors.As(err, &typ):
		l, c := Position(data, typ.Offset)
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return &InputError{File: file, Line: l, Col: c, Msg: fmt.Sprintf("%s: expected %s, found %s", field, jsonKind(typ.Type), foundKind(typ.Value))}
	case errors.As(err, new(*time.ParseError)):
		return timeError(file, data, err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		l, c := Position(data, int64(len(data)))
		return &InputError{File: file, Line: l, Col: c, Msg: "unexpected end of JSON input (truncated file?)"}
	}
	return &InputError{File: file, Msg: err.Error()}
}

// Decode reads a snapshot from data, the content of file. The happy path
// is one strict decoding pass; only when it fails, or finds another schema,
// is the "schema" key read on its own, so that a snapshot written by a
// newer rampart is refused as such rather than as a pile of unknown fields.
func Decode(file string, data []byte) (*Snapshot, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Snapshot
	err := dec.Decode(&s)
	if err == nil && s.Schema == Schema {
		end := dec.InputOffset()
		if _, tail := dec.Token(); tail != io.EOF {
			rest := bytes.TrimLeft(data[end:], " \t\r\n")
			l, c := Position(data, int64(len(data)-len(rest))+1)
			return nil, &InputError{File: file, Line: l, Col: c, Msg: "unexpected data after the snapshot: expected the end of the file"}
		}
		if s.CollectedAt.IsZero() {
			return nil, &InputError{File: file, Msg: `"collected_at" is missing: expected an RFC 3339 time`}
		}
		if err := checkKeys(file, data, reflect.TypeOf(s)); err != nil {
			return nil, err
		}
		return &s, nil
	}
	var head struct {
		Schema *string `json:"schema"`
	}
	if herr := json.Unmarshal(data, &head); herr != nil {
		return nil, JSONError(file, data, herr)
	}
	if head.Schema == nil {
		return nil, &InputError{File: file, Msg: `not a rampart snapshot: no "schema" key (expected "` + Schema + `")`}
	}
	if *head.Schema != Schema {
		return nil, &InputError{File: file, Msg: fmt.Sprintf("unsupported snapshot schema %q (this rampart reads %q)", *head.Schema, Schema)}
	}
	if msg, ok := unknownField(err); ok {
		// encoding/json gives no offset for unknown fields; name it.
		return nil, &InputError{File: file, Msg: msg + " (not in " + Schema + ")"}
	}
	return nil, JSONError(file, data, err)
}

func unknownField(err error) (string, bool) {
	const prefix = "json: unknown field "
	if msg := err.Error(); len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		return "unknown field " + msg[len(prefix):], true
	}
	return "", false
}

// Digest is the SHA-256 of the bytes a snapshot was read from, so a report
// can be tied to the exact evidence it was computed on.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Marshal encodes a snapshot as Encode does, into memory.
func Marshal(s *Snapshot) ([]byte, error) {
	var b bytes.Buffer
	err := Encode(&b, s)
	return b.Bytes(), err
}

// Encode writes s as indented JSON, the form collectors store.
func Encode(w io.Writer, s *Snapshot) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

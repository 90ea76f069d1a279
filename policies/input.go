package policies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// valueFromJSON converts a JSON document straight into an OPA value, token
// by token. ast.ValueFromReader first decodes into Go maps and then
// converts them, holding both at once: for a 10 MB snapshot that is
// hundreds of megabytes at the peak. Object keys and short strings
// (names, types, "Allow", region names) are interned: a snapshot repeats
// them tens of thousands of times, and OPA never mutates input terms; so
// are nulls and empty arrays (a third of a large snapshot's arrays), as
// OPA itself interns them. It also returns the document's timestamps, for
// the day table (dayTable).
func valueFromJSON(raw []byte) (ast.Value, []timestamp, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	b := &astBuilder{dec: dec, strs: stringTerms{}, stamped: map[string]bool{}}
	t, err := b.term()
	if err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("unexpected data after the document")
	}
	return t.Value, b.stamps, nil
}

type astBuilder struct {
	dec  *json.Decoder
	strs stringTerms
	// stamps are the distinct string values that time.parse_rfc3339_ns
	// accepts, found while converting (stamped: those seen).
	stamps  []timestamp
	stamped map[string]bool
}

// timestamp is a string of the input and the instant it names, in
// nanoseconds since the epoch.
type timestamp struct {
	term *ast.Term
	ns   int64
}

// stringTerms interns the short strings of one conversion to OPA terms.
type stringTerms map[string]*ast.Term

// internMax bounds the strings interned: longer ones (ARNs, policy
// documents' values) are mostly unique.
const internMax = 48

func (m stringTerms) term(s string) *ast.Term {
	if len(s) > internMax {
		return ast.StringTerm(s)
	}
	if t, ok := m[s]; ok {
		return t
	}
	t := ast.StringTerm(s)
	m[s] = t
	return t
}

func (b *astBuilder) term() (*ast.Term, error) {
	tok, err := b.dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			var pairs [][2]*ast.Term
			for b.dec.More() {
				k, err := b.dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", k)
				}
				val, err := b.term()
				if err != nil {
					return nil, err
				}
				pairs = append(pairs, [2]*ast.Term{b.strs.term(key), val})
			}
			if _, err := b.dec.Token(); err != nil { // '}'
				return nil, err
			}
			return ast.NewTerm(ast.NewObject(pairs...)), nil
		case '[':
			var elems []*ast.Term
			for b.dec.More() {
				val, err := b.term()
				if err != nil {
					return nil, err
				}
				elems = append(elems, val)
			}
			if _, err := b.dec.Token(); err != nil { // ']'
				return nil, err
			}
			if len(elems) == 0 {
				return ast.InternedEmptyArray, nil
			}
			return ast.NewTerm(ast.NewArray(elems...)), nil
		}
		return nil, fmt.Errorf("unexpected %v", v)
	case string:
		t := b.strs.term(v)
		if strings.IndexByte(v, '-') == 4 && !b.stamped[v] {
			b.stamped[v] = true
			if ns, ok := parseRFC3339Nanos(v); ok {
				b.stamps = append(b.stamps, timestamp{t, ns})
			}
		}
		return t, nil
	case json.Number:
		return ast.NumberTerm(v), nil
	case bool:
		return ast.InternedTerm(v), nil
	case nil:
		return ast.InternedNullTerm, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

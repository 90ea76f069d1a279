package reports

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/rampart-sec/rampart/results"
)

// appendResult appends one result as a rampart.results/v2 JSON object on
// one line. It is written by hand because it runs once per result: a
// reflective encoder per result was most of the time of a large report.
// The control's own text (title, remediation, frameworks, MITRE,
// escalation) is in the "controls" section, not repeated here.
func appendResult(b []byte, r *results.Result) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"control":`...)
	b = appendString(b, r.Control)
	b = append(b, `,"severity":`...)
	b = appendString(b, r.Severity.String())
	b = append(b, `,"status":`...)
	b = appendString(b, string(r.Status))
	b = append(b, `,"provider":`...)
	b = appendString(b, r.Provider)
	b = append(b, `,"account":`...)
	b = appendString(b, r.Account)
	b = append(b, `,"region":`...)
	b = appendString(b, r.Region)
	b = append(b, `,"resource":`...)
	b = appendString(b, r.Resource)
	b = append(b, `,"resource_type":`...)
	b = appendString(b, r.ResourceType)
	b = append(b, `,"message":`...)
	b = appendString(b, r.Message)
	b = append(b, `,"evidence":`...)
	if r.Evidence == nil {
		b = append(b, "{}"...)
	} else {
		b = appendValue(b, r.Evidence)
	}
	if r.Baseline != "" {
		b = append(b, `,"baseline":`...)
		b = appendString(b, string(r.Baseline))
	}
	return append(b, '}')
}

// appendValue appends a decoded JSON value (what Rego evidence holds),
// with object keys sorted as encoding/json sorts them; anything else goes
// through encoding/json.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.AppendInt(b, int64(x), 10)
		}
		// Fractions and huge numbers are rare: encoding/json formats them.
	case json.Number:
		return append(b, x...)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, e)
		}
		return append(b, ']')
	case []string:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendValue(b, x[k])
		}
		return append(b, '}')
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, enc...)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it (HTML characters included), invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// quoteJSON is appendString for a string.
func quoteJSON(s string) string { return string(appendString(nil, s)) }

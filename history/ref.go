package history

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref names what a diff or a results query is about: one stored scan (by
// its numeric ID) or every shard of a run (by the run ID given to --run).
type Ref struct {
	Scan int64
	Run  string
}

// ParseRef reads a reference as typed on the command line: a number is a
// scan ID, "run:ID" or any other text is a run ID.
func ParseRef(s string) (Ref, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Ref{}, fmt.Errorf("empty scan reference: expected a scan ID (rampart history) or a run ID")
	}
	if id, ok := strings.CutPrefix(s, "run:"); ok {
		if id == "" {
			return Ref{}, fmt.Errorf("scan reference %q: expected a run ID after run:", s)
		}
		return Ref{Run: id}, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return Ref{}, fmt.Errorf("scan reference %q: scan IDs start at 1", s)
		}
		return Ref{Scan: n}, nil
	}
	return Ref{Run: s}, nil
}

// String writes the reference the way ParseRef reads it back.
func (r Ref) String() string {
	if r.Run != "" {
		if _, err := strconv.ParseInt(r.Run, 10, 64); err == nil {
			return "run:" + r.Run
		}
		return r.Run
	}
	return strconv.FormatInt(r.Scan, 10)
}

// IsZero reports whether the reference names nothing.
func (r Ref) IsZero() bool { return r.Scan == 0 && r.Run == "" }

// MarshalText writes String, so JSON output shows references as typed.
func (r Ref) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (r *Ref) UnmarshalText(b []byte) error {
	v, err := ParseRef(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

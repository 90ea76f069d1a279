// Package results is the contract between policies and reports: one Result
// per control and resource evaluated, and the Report that groups them with a
// summary and the identity of the snapshot they were computed from.
package results

import (
	"fmt"
	"strings"
)

// Severity is a control's default severity. The zero value is invalid.
type Severity int

// Severities from least to most severe; the order is what --fail-on compares.
const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Info: "info", Low: "low", Medium: "medium", High: "high", Critical: "critical"}

// Severities lists every severity from most to least severe, the order
// reports print them in.
var Severities = []Severity{Critical, High, Medium, Low, Info}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// SeverityNames lists every severity's name, most severe first, as help
// and errors name them.
func SeverityNames() string {
	names := make([]string, len(Severities))
	for i, s := range Severities {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}

// ParseSeverity reads a severity name as written in flags, metadata and
// config files.
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if strings.EqualFold(n, name) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q: expected one of %s", name, SeverityNames())
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) {
	if _, ok := severityNames[s]; !ok {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

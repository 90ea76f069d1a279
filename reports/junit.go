package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("junit", func(Options) Reporter { return JUnit{} })
}

// JUnit writes JUnit XML as CI systems read it: a test suite per control,
// a test case per control × resource; FAIL is a failure, ERROR an error
// (undecided), WAIVED skipped with the waiver's reason.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// Write implements Reporter.
func (JUnit) Write(w io.Writer, r *results.Report) error {
	bySuite := map[string]*junitSuite{}
	var order []string
	suite := func(id string) *junitSuite {
		s, ok := bySuite[id]
		if !ok {
			s = &junitSuite{Name: id, Cases: []junitCase{}}
			bySuite[id] = s
			order = append(order, id)
		}
		return s
	}
	// Every control evaluated is a suite, also without results.
	for _, c := range r.Summary.Controls {
		suite(c.Control)
	}
	all := junitSuites{Name: "rampart"}
	for _, res := range r.Results {
		s := suite(res.Control)
		c := junitCase{Name: caseName(res), Classname: res.Control}
		detail := fmt.Sprintf("%s\nseverity: %s\nresource: %s\nremediation: %s", res.Message, res.Severity, res.Resource, strings.TrimSpace(res.Remediation))
		switch res.Status {
		case results.Fail:
			c.Failure = &junitProblem{Message: res.Message, Type: res.Severity.String(), Body: detail}
			s.Failures++
		case results.Error:
			c.Error = &junitProblem{Message: res.Message, Type: "undecided", Body: detail}
			s.Errors++
		case results.Waived:
			c.Skipped = &junitProblem{Message: res.Message}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	sort.Strings(order)
	for _, id := range order {
		s := bySuite[id]
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
		all.Suites = append(all.Suites, *s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// caseName is the resource, with its account and region when it needs
// them to be unique.
func caseName(r results.Result) string {
	name := r.Resource
	if r.Region != "" {
		name += " (" + r.Region + ")"
	}
	return name
}

package reports

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/results"
)

func TestCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := (CSV{}).Write(&b, auditReport()); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, filepath.Join("testdata", "report.csv"), b.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v", err)
	}
	if len(rows) != len(auditReport().Results)+1 || strings.Join(rows[0], ",") != strings.Join(CSVColumns, ",") {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	if !bytes.Contains(b.Bytes(), []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"}, {"-2+3", "'-2+3"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"}, {"\rcmd", "'\rcmd"},
		{"arn:aws:iam::1:root", "arn:aws:iam::1:root"}, {"", ""}, {"a=b", "a=b"},
	} {
		if got := defuse(tc.in); got != tc.want {
			t.Errorf("defuse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	rep := auditReport()
	rep.Results = []results.Result{{ID: "x", Control: "c", Status: results.Fail, Severity: results.Low,
		Resource: "@evil", Message: "=1+1", Title: "-t", Remediation: "\n=cmd|' /C calc'!A0\n", Evidence: map[string]any{"k": "=v"}}}
	var b bytes.Buffer
	if err := (CSV{}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Errorf("column %s starts a formula: %q", CSVColumns[i], cell)
		}
	}
}

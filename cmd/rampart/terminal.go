package main

import (
	"os"
	"strconv"

	"golang.org/x/term"

	"github.com/rampart-sec/rampart/reports"
)

// stderrIsTerminal reports whether a person is likely watching stderr;
// tests replace it.
var stderrIsTerminal = func() bool { return isTerminal(os.Stderr) }

// terminalWidth is the width the table is laid out for: $COLUMNS when
// set (shells export it, and a person can set it for a file or a pipe),
// else the width of the terminal on stdout or stderr, else
// reports.DefaultWidth.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return reports.DefaultWidth
}

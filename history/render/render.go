// Package render writes what the history store answers — the list of
// scans, a diff, a trend — as a table for a terminal, JSON for scripts
// and the CISO report, or Markdown for a ticket or a chat message.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the formats every renderer here writes.
var Formats = []string{"table", "json", "markdown"}

// Check returns an error naming the flag when format is not one of Formats.
func Check(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("--format %q: expected one of %s", format, strings.Join(Formats, ", "))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// mdEscape keeps a value from breaking a Markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// mdTable writes a Markdown table.
func mdTable(w io.Writer, head []string, rows [][]string) {
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = mdEscape(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
}

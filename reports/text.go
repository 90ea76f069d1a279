package reports

import (
	"strings"
	"unicode/utf8"
)

// ellipsis ends a cell cut short; the full text is in the JSON report.
const ellipsis = "…"

// textWidth is the number of columns s takes on a terminal. Every rune
// counts as one column: rampart's own text is ASCII, and resource names
// with wide characters only come out a little narrower than measured.
func textWidth(s string) int { return utf8.RuneCountInString(s) }

// pad fills s with spaces to w columns.
func pad(s string, w int) string {
	if n := textWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w columns.
func padLeft(s string, w int) string {
	if n := textWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// truncate cuts s to w columns, ending with an ellipsis when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:w-1]), " ") + ellipsis
}

// wrapWords breaks prose into lines of at most w columns at spaces; a
// word longer than a line is broken where it must. After maxLines lines
// (0: no limit) the rest is cut and the last line ends with an ellipsis.
func wrapWords(s string, w, maxLines int) []string {
	if w < 1 {
		w = 1
	}
	var lines []string
	line := ""
	// Only ASCII white space breaks: a no-break space (U+00A0) glues
	// "aws-root-mfa ×2" into one word.
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		for textWidth(word) > w {
			// A word that fills a line on its own: cut it at the width.
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			r := []rune(word)
			lines = append(lines, string(r[:w]))
			word = string(r[w:])
		}
		switch {
		case line == "":
			line = word
		case textWidth(line)+1+textWidth(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return limitLines(lines, w, maxLines)
}

// wrapID breaks an identifier (an ARN, a path, a Terraform address) into
// lines of at most w columns, preferring to break after a separator so
// that each piece reads as a part of the name.
func wrapID(s string, w, maxLines int) []string {
	if w < 1 {
		w = 1
	}
	var lines []string
	r := []rune(s)
	for len(r) > w {
		cut := w
		for i := w; i > w/2; i-- {
			if strings.ContainsRune("/:.-_[]", r[i-1]) {
				cut = i
				break
			}
		}
		lines = append(lines, string(r[:cut]))
		r = r[cut:]
	}
	lines = append(lines, string(r))
	return limitLines(lines, w, maxLines)
}

// limitLines keeps the first maxLines lines, marking the cut.
func limitLines(lines []string, w, maxLines int) []string {
	if maxLines <= 0 || len(lines) <= maxLines {
		return lines
	}
	lines = lines[:maxLines]
	last := lines[maxLines-1]
	if textWidth(last) >= w {
		last = string([]rune(last)[:w-1])
	}
	lines[maxLines-1] = strings.TrimRight(last, " ") + ellipsis
	return lines
}

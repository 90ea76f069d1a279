package reports

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// The charts are inline SVG written here: no script, no external file, and
// every number is also printed as text, so the chart is never the only
// way to read it.

// severityDash gives each severity its own line pattern, so the trend
// lines differ without colour.
var severityDash = map[results.Severity]string{
	results.Critical: "", results.High: "8 4", results.Medium: "2 3", results.Low: "10 3 2 3", results.Info: "1 6",
}

// failBars draws FAIL counts by severity as labelled horizontal bars.
func failBars(counts map[results.Severity]int) template.HTML {
	max := 0
	for _, n := range counts {
		if n > max {
			max = n
		}
	}
	const rowH, labelW, barW = 26, 90, 300
	var b strings.Builder
	h := rowH * len(results.Severities)
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="failbars-t" viewBox="0 0 %d %d" width="%d" height="%d">`, labelW+barW+60, h, labelW+barW+60, h)
	b.WriteString(`<title id="failbars-t">FAIL results by severity</title>`)
	for i, sev := range results.Severities {
		n := counts[sev]
		w := 0
		if max > 0 {
			w = n * barW / max
		}
		if n > 0 && w < 2 {
			w = 2
		}
		y := i * rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="lbl" text-anchor="end">%s</text>`, labelW-8, y+17, strings.ToUpper(sev.String()))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="sev-%s"/>`, labelW, y+4, w, rowH-8, sev)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="num">%d</text>`, labelW+w+6, y+17, n)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// trendChart draws open FAIL findings per day, one line per severity
// with its own dash pattern and a label at its end.
func trendChart(t *Trend) template.HTML {
	if t == nil || len(t.Days) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = 640, 240, 44, 110, 12, 28
	max := 1
	for _, d := range t.Days {
		for _, n := range d.Open {
			if n > max {
				max = n
			}
		}
	}
	pw, ph := w-left-right, h-top-bottom
	x := func(i int) float64 {
		if len(t.Days) == 1 {
			return float64(left + pw/2)
		}
		return float64(left) + float64(i*pw)/float64(len(t.Days)-1)
	}
	y := func(n int) float64 { return float64(top) + float64(ph) - float64(n*ph)/float64(max) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="trend-t" viewBox="0 0 %d %d" width="%d" height="%d">`, w, h, w, h)
	fmt.Fprintf(&b, `<title id="trend-t">Open FAIL findings per day by severity, %s to %s</title>`, template.HTMLEscapeString(t.From), template.HTMLEscapeString(t.To))
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, top+ph, left+pw, top+ph)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, top, left, top+ph)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" class="num" text-anchor="end">%d</text>`, left-4, y(max)+4, max)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" class="num" text-anchor="end">0</text>`, left-4, y(0)+4)
	fmt.Fprintf(&b, `<text x="%d" y="%d" class="num">%s</text>`, left, h-8, template.HTMLEscapeString(t.Days[0].Date))
	fmt.Fprintf(&b, `<text x="%d" y="%d" class="num" text-anchor="end">%s</text>`, left+pw, h-8, template.HTMLEscapeString(t.Days[len(t.Days)-1].Date))
	// End labels of lines ending close together are pushed apart, so
	// each stays readable.
	var labelled []float64
	labelY := func(want float64) float64 {
		for moved := true; moved; {
			moved = false
			for _, y := range labelled {
				if want > y-13 && want < y+13 {
					want = y + 13
					moved = true
				}
			}
		}
		labelled = append(labelled, want)
		return want
	}
	for _, sev := range results.Severities {
		var pts []string
		any := false
		for i, d := range t.Days {
			n := d.Open[sev]
			any = any || n > 0
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(n)))
		}
		if !any {
			continue
		}
		dash := ""
		if d := severityDash[sev]; d != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, d)
		}
		last := t.Days[len(t.Days)-1].Open[sev]
		fmt.Fprintf(&b, `<polyline points="%s" class="line sevline-%s"%s/>`, strings.Join(pts, " "), sev, dash)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="lbl">%s %d</text>`, x(len(t.Days)-1)+6, labelY(y(last)+4), sev, last)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// meter draws a percentage as a small bar; the number is printed beside
// it by the template.
func meter(pct int) template.HTML {
	if pct < 0 {
		pct = 0
	}
	if pct > 100 {
		pct = 100
	}
	return template.HTML(fmt.Sprintf(`<svg class="meter" aria-hidden="true" viewBox="0 0 100 10" width="100" height="10"><rect width="100" height="10" class="meter-bg"/><rect width="%d" height="10" class="meter-fg"/></svg>`, pct))
}

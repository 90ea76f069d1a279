package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/rampart-sec/rampart/collectors"
)

// liveLine is the status line a person at a terminal sees while a cloud
// is collected: accounts and regions done of total, calls made, calls
// failed, time elapsed. It is redrawn in place on every tick; messages
// of the collector are printed above it.
type liveLine struct {
	w     io.Writer
	name  string // the cloud: "aws"
	meter *collectors.Meter
	start time.Time
	now   func() time.Time
	width int

	mu    sync.Mutex
	shown bool
}

// newLiveLine starts a line for collecting cloud name into meter.
func newLiveLine(w io.Writer, name string, meter *collectors.Meter, now func() time.Time, width int) *liveLine {
	return &liveLine{w: w, name: name, meter: meter, start: now(), now: now, width: width}
}

// status is the text of the line for the meter's state after elapsed.
func status(name string, s collectors.MeterState, elapsed time.Duration) string {
	parts := []string{"collecting " + name}
	if s.Scopes > 0 {
		parts = append(parts, fmt.Sprintf("accounts %d/%d", s.ScopesDone, s.Scopes))
	}
	if s.Parts > 0 {
		parts = append(parts, fmt.Sprintf("regions %d/%d", s.PartsDone, s.Parts))
	}
	parts = append(parts, fmt.Sprintf("%d calls", s.Calls))
	if s.Failed == 1 {
		parts = append(parts, "1 error")
	} else {
		parts = append(parts, fmt.Sprintf("%d errors", s.Failed))
	}
	parts = append(parts, elapsed.Truncate(time.Second).String())
	return strings.Join(parts, " · ")
}

// draw redraws the line in place ("\r", clear to the end of the line).
func (l *liveLine) draw() {
	l.mu.Lock()
	defer l.mu.Unlock()
	text := "rampart: " + status(l.name, l.meter.State(), l.now().Sub(l.start))
	if r := []rune(text); l.width > 1 && len(r) >= l.width {
		text = string(r[:l.width-1]) // a wrapped status line cannot be redrawn in place
	}
	fmt.Fprint(l.w, "\r\x1b[K"+text)
	l.shown = true
}

// message prints a line of the collector above the status line.
func (l *liveLine) message(format string, args ...any) {
	l.mu.Lock()
	if l.shown {
		fmt.Fprint(l.w, "\r\x1b[K")
		l.shown = false
	}
	fmt.Fprintf(l.w, "rampart: "+format+"\n", args...)
	l.mu.Unlock()
	l.draw()
}

// run redraws the line on every tick until stop is closed, then clears
// it, so that what follows starts on a clean line.
func (l *liveLine) run(tick <-chan time.Time, stop <-chan struct{}) {
	l.draw()
	for {
		select {
		case <-tick:
			l.draw()
		case <-stop:
			l.mu.Lock()
			if l.shown {
				fmt.Fprint(l.w, "\r\x1b[K")
				l.shown = false
			}
			l.mu.Unlock()
			return
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

package policies

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/rampart-sec/rampart/internal/sysmem"
)

// DefaultTimeout is how long one control may evaluate on one input. It
// is a guard against a runaway policy (a 20k × 20k comprehension), not a
// measure of speed: the slowest built-in control takes well under a
// second on a 1,000-account organization, and a busy machine may be ten
// times slower.
const DefaultTimeout = 60 * time.Second

// minMemoryLimit is the least default memory bound: on a machine that
// reports little free memory, policies still get room to run.
const minMemoryLimit = 256 << 20

// LimitError is a control whose evaluation was stopped by a limit. For a
// built-in control it becomes ERROR results; for a user policy it fails
// the run, naming the file.
type LimitError struct {
	Control, File string
	// Limit says which limit and how to raise it.
	Limit string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: control %s was stopped: its evaluation exceeded %s", e.File, e.Control, e.Limit)
}

// limits are an engine's bounds on one control's evaluation.
type limits struct {
	timeout time.Duration
	// memory is how much the Go heap may grow while controls evaluate,
	// in bytes; 0 is no bound.
	memory uint64
}

// newLimits reads the bounds from the options: the timeout defaults to
// DefaultTimeout, the memory bound to a third of the memory available
// when the engine is built (never less than minMemoryLimit), since the
// heap may reach twice the bound before a collection measures it; a
// negative value turns a bound off.
func newLimits(opts Options) limits {
	l := limits{timeout: opts.Timeout}
	if l.timeout == 0 {
		l.timeout = DefaultTimeout
	}
	switch {
	case opts.MemoryLimit > 0:
		l.memory = uint64(opts.MemoryLimit)
	case opts.MemoryLimit == 0:
		if avail, _, ok := sysmem.Available(); ok {
			l.memory = max(avail/3, minMemoryLimit)
		}
	}
	return l
}

func (l limits) timeoutError(c *Control) *LimitError {
	return &LimitError{Control: c.ID, File: c.File, Limit: fmt.Sprintf("the %s per-control time limit (--policy-timeout)", l.timeout)}
}

func (l limits) memoryError(c *Control) *LimitError {
	return &LimitError{Control: c.ID, File: c.File, Limit: fmt.Sprintf("the %s policy memory limit (--policy-memory)", sysmem.Format(l.memory))}
}

// errMemory is the cancellation cause of controls stopped by the memory
// watch. Controls run in parallel, so the watch cannot tell which one
// grew the heap; each control stopped is run again alone (see Evaluate),
// and only one that exceeds the bound alone is at fault.
var errMemory = errors.New("memory bound exceeded")

// memoryWatch polls the heap while controls evaluate and cancels every
// running evaluation when the heap has grown past the bound since the
// watch started. OPA checks for cancellation at each evaluation step and
// inside the builtins that build large values (numbers.range, concat),
// so a runaway stops within a few milliseconds of the check.
type memoryWatch struct {
	bound   uint64
	base    uint64
	mu      sync.Mutex
	running map[*Control]context.CancelCauseFunc
	stopped chan struct{}
	done    sync.WaitGroup
}

// memoryPoll is how often the heap is read: reading it costs about a
// microsecond; a runaway allocating 2 GB/s overshoots by some 20 MB.
const memoryPoll = 10 * time.Millisecond

// watchMemory starts a watch; nil when there is no bound.
func (l limits) watchMemory() *memoryWatch {
	if l.memory == 0 {
		return nil
	}
	w := &memoryWatch{bound: l.memory, base: heapBytes("/memory/classes/heap/objects:bytes"),
		running: map[*Control]context.CancelCauseFunc{}, stopped: make(chan struct{})}
	w.done.Add(1)
	go w.loop()
	return w
}

func (w *memoryWatch) loop() {
	defer w.done.Done()
	t := time.NewTicker(memoryPoll)
	defer t.Stop()
	for {
		select {
		case <-w.stopped:
			return
		case <-t.C:
		}
		// The live heap is measured by each collection, which the
		// runtime starts by itself as the heap doubles; only when the
		// heap (garbage included) has outgrown twice the bound without
		// one is a collection forced, which costs the runaway time but
		// keeps the overshoot within one bound.
		if heapBytes("/gc/heap/live:bytes") <= w.base+w.bound {
			if heapBytes("/memory/classes/heap/objects:bytes") <= w.base+2*w.bound {
				continue
			}
			runtime.GC()
			if heapBytes("/gc/heap/live:bytes") <= w.base+w.bound {
				continue
			}
		}
		w.mu.Lock()
		for _, cancel := range w.running {
			cancel(errMemory)
		}
		w.mu.Unlock()
	}
}

// track registers a running evaluation; the returned func unregisters it.
func (w *memoryWatch) track(c *Control, cancel context.CancelCauseFunc) func() {
	if w == nil {
		return func() {}
	}
	w.mu.Lock()
	w.running[c] = cancel
	w.mu.Unlock()
	return func() {
		w.mu.Lock()
		delete(w.running, c)
		w.mu.Unlock()
	}
}

func (w *memoryWatch) stop() {
	if w != nil {
		close(w.stopped)
		w.done.Wait()
	}
}

func heapBytes(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

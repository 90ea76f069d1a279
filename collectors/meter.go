package collectors

import "sync/atomic"

// Meter counts a collection's progress for the live status line a person
// at a terminal sees: scopes (AWS accounts, Azure subscriptions, GCP
// projects) and their parts (regions) planned and done, API calls made
// and calls that failed. Collectors call it from any goroutine; a nil
// *Meter counts nothing, so a collector need not check.
type Meter struct {
	scopes, scopesDone, parts, partsDone, calls, failed atomic.Int64
}

// MeterState is what a Meter has counted so far.
type MeterState struct {
	Scopes, ScopesDone int64
	Parts, PartsDone   int64
	Calls, Failed      int64
}

// AddScopes adds n scopes to collect.
func (m *Meter) AddScopes(n int) {
	if m != nil {
		m.scopes.Add(int64(n))
	}
}

// ScopeDone counts one scope collected.
func (m *Meter) ScopeDone() {
	if m != nil {
		m.scopesDone.Add(1)
	}
}

// AddParts adds n parts (regions) to collect.
func (m *Meter) AddParts(n int) {
	if m != nil {
		m.parts.Add(int64(n))
	}
}

// PartDone counts one part collected.
func (m *Meter) PartDone() {
	if m != nil {
		m.partsDone.Add(1)
	}
}

// Call counts one API call (an operation, whatever its retries).
func (m *Meter) Call() {
	if m != nil {
		m.calls.Add(1)
	}
}

// Failed counts one call that did not return its data.
func (m *Meter) Failed() {
	if m != nil {
		m.failed.Add(1)
	}
}

// State returns the counts so far; the zero state for a nil Meter.
func (m *Meter) State() MeterState {
	if m == nil {
		return MeterState{}
	}
	return MeterState{
		Scopes: m.scopes.Load(), ScopesDone: m.scopesDone.Load(),
		Parts: m.parts.Load(), PartsDone: m.partsDone.Load(),
		Calls: m.calls.Load(), Failed: m.failed.Load(),
	}
}

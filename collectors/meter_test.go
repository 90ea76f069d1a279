package collectors

import (
	"sync"
	"testing"
)

func TestMeter(t *testing.T) {
	var nilMeter *Meter
	nilMeter.AddScopes(1)
	nilMeter.Call()
	if nilMeter.State() != (MeterState{}) {
		t.Error("a nil meter counted")
	}
	m := &Meter{}
	m.AddScopes(2)
	m.AddParts(4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Call()
			m.Call()
			m.PartDone()
		}()
	}
	wg.Wait()
	m.Failed()
	m.ScopeDone()
	want := MeterState{Scopes: 2, ScopesDone: 1, Parts: 4, PartsDone: 4, Calls: 8, Failed: 1}
	if got := m.State(); got != want {
		t.Errorf("state %+v, want %+v", got, want)
	}
}

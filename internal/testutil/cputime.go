package testutil

import (
	"syscall"
	"time"
)

// CPUTime is the process's user and system CPU time so far. Benchmarks
// report it per operation beside wall time: on a shared machine the wall
// time says more about the neighbours than about rampart.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Package sysmem tells how much memory the process may still use, so that
// rampart can refuse an input, or stop a policy, with one clear line
// before the Go runtime dies of an out-of-memory trace.
package sysmem

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// EnvAvailable overrides the figure, in bytes: tests use it to play a
// small machine, and an operator to set a bound below what the machine
// reports.
const EnvAvailable = "RAMPART_MEMORY_AVAILABLE"

// Files read; variables so that tests can point them at fixtures.
var (
	cgroupMax     = "/sys/fs/cgroup/memory.max"
	cgroupCurrent = "/sys/fs/cgroup/memory.current"
	meminfo       = "/proc/meminfo"
)

// Available returns the memory the process may still allocate, in bytes,
// and where the figure comes from: the EnvAvailable override, else the
// lesser of what the cgroup (v2) limit leaves and the kernel's
// MemAvailable. ok is false when neither can be read (not Linux).
func Available() (bytes uint64, source string, ok bool) {
	if v := os.Getenv(EnvAvailable); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err == nil {
			return n, EnvAvailable, true
		}
	}
	if n, ok := cgroupLeft(); ok {
		bytes, source = n, "the cgroup memory limit ("+cgroupMax+")"
	}
	if n, ok := memAvailable(); ok && (source == "" || n < bytes) {
		bytes, source = n, "MemAvailable ("+meminfo+")"
	}
	return bytes, source, source != ""
}

// cgroupLeft is the cgroup's memory.max less memory.current; no limit
// ("max") reads as unknown.
func cgroupLeft() (uint64, bool) {
	max, err := readUint(cgroupMax)
	if err != nil {
		return 0, false
	}
	cur, err := readUint(cgroupCurrent)
	if err != nil || cur > max {
		cur = 0
	}
	return max - cur, true
}

func readUint(file string) (uint64, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}

// memAvailable reads MemAvailable (kB) from /proc/meminfo.
func memAvailable() (uint64, bool) {
	b, err := os.ReadFile(meminfo)
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemAvailable:" {
			kb, err := strconv.ParseUint(f[1], 10, 64)
			return kb * 1024, err == nil
		}
	}
	return 0, false
}

// Format writes a byte count the way people read it: "543 MB", "1.2 GB".
func Format(n uint64) string {
	const unit = 1000
	if n < unit*unit {
		return fmt.Sprintf("%d kB", (n+unit-1)/unit)
	}
	v, suffix := float64(n)/(unit*unit), "MB"
	if v >= unit {
		v, suffix = v/unit, "GB"
	}
	if v >= 100 {
		return fmt.Sprintf("%.0f %s", v, suffix)
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}

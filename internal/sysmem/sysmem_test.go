package sysmem

import (
	"os"
	"path/filepath"
	"testing"
)

// Available reads the override, else the lesser of the cgroup's room and
// MemAvailable; a cgroup without a limit ("max") and a missing file are
// not figures.
func TestAvailable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	info := write("meminfo", "MemTotal:       8000000 kB\nMemFree:         100000 kB\nMemAvailable:    3000000 kB\n")
	for _, tc := range []struct {
		name, max, current, env string
		want                    uint64
		source                  string
		ok                      bool
	}{
		{name: "meminfo only", max: "max", current: "0", want: 3_072_000_000, source: "MemAvailable (" + info + ")", ok: true},
		{name: "cgroup tighter", max: "2000000000", current: "500000000", want: 1_500_000_000, source: "the cgroup memory limit", ok: true},
		{name: "cgroup looser", max: "9000000000", current: "0", want: 3_072_000_000, source: "MemAvailable (" + info + ")", ok: true},
		{name: "override", max: "max", current: "0", env: "12345", want: 12345, source: EnvAvailable, ok: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cgroupMax, cgroupCurrent, meminfo = write("memory.max", tc.max), write("memory.current", tc.current), info
			t.Cleanup(func() {
				cgroupMax, cgroupCurrent, meminfo = "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current", "/proc/meminfo"
			})
			t.Setenv(EnvAvailable, tc.env)
			got, source, ok := Available()
			if got != tc.want || ok != tc.ok || len(source) < len(tc.source) || source[:len(tc.source)] != tc.source {
				t.Errorf("got %d %q %v, want %d %q %v", got, source, ok, tc.want, tc.source, tc.ok)
			}
		})
	}
	cgroupMax, meminfo = filepath.Join(dir, "none"), filepath.Join(dir, "none")
	defer func() { cgroupMax, meminfo = "/sys/fs/cgroup/memory.max", "/proc/meminfo" }()
	t.Setenv(EnvAvailable, "")
	if _, _, ok := Available(); ok {
		t.Error("no file, no figure: want ok false")
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[uint64]string{999: "1 kB", 100_000: "100 kB", 1_400_000: "1.4 MB", 543_000_000: "543 MB", 6_500_000_000: "6.5 GB", 150_000_000_000: "150 GB"} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}

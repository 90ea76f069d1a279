//go:build unix

package main

import (
	"os"
	"syscall"
)

// umask reads the process umask (setting it back at once).
func umask() uint32 {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return uint32(m)
}

// keepOwner gives a replacement file the owner of the file it replaces,
// where the process may (as root); otherwise the file stays the caller's.
func keepOwner(f *os.File, old os.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeOutput writes a finished report or snapshot to stdout when path is
// "" or "-", else to path through writeFileAtomic.
func writeOutput(path string, stdout io.Writer, data []byte) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	return writeFileAtomic(path, data)
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a failure never leaves a partial file over a
// previous good one.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; a report or snapshot is written with
	// the usual 0644 (less the umask) like any other output file.
	if err := tmp.Chmod(os.FileMode(0o644 &^ umask())); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	return nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

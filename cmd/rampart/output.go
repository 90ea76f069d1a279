package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"golang.org/x/term"
)

// writeOutput writes a finished report or snapshot to stdout when path is
// "" or "-", else to path through writeFileAtomic. flag names the option
// in errors ("--output", "--snapshot").
func writeOutput(flag, path string, stdout io.Writer, data []byte) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	return writeFileAtomic(flag, path, data)
}

// streamOutput is writeOutput for a report written as it is rendered: to
// a file, render streams into the temporary file that replaces path, so
// that a report of tens of megabytes is never held whole in memory; to
// stdout or to a device, it is rendered whole first, so that a failing
// render writes nothing. An error of render's own is returned as it is.
func streamOutput(flag, path string, stdout io.Writer, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return err
		}
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return replaceFile(flag, path, render)
}

// writeFileAtomic puts data at path so that a failure never leaves a
// partial file over a previous good one:
//   - an existing target that is not a regular file (a device such as
//     /dev/null, a FIFO, /dev/stdout) is written directly: replacing it
//     with a regular file would destroy it;
//   - a symbolic link keeps being a link: the file it points to is
//     replaced;
//   - a regular file is replaced by a temporary file renamed over it,
//     which takes the old file's mode and owner;
//   - SIGINT and SIGTERM remove the temporary file; errors name path,
//     never the temporary file.
func writeFileAtomic(flag, path string, data []byte) error {
	return replaceFile(flag, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// replaceFile is writeFileAtomic with the content written by write; an
// error of write that is not one of writing the file is returned as it
// is, and leaves no file.
func replaceFile(flag, path string, write func(io.Writer) error) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s %s: %w", flag, path, err)
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && !st.Mode().IsRegular():
		if st.IsDir() {
			return fail(errors.New("is a directory"))
		}
		// Rendered whole first: a failing render writes nothing to a
		// device or a pipe.
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		return writeInPlace(target, buf.Bytes(), fail)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fail(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*")
	if err != nil {
		return fail(err)
	}
	forget := removeOnSignal(tmp.Name())
	defer forget()
	defer os.Remove(tmp.Name())
	mode := os.FileMode(0o644 &^ umask())
	if st != nil {
		mode = st.Mode().Perm()
	}
	fw := &fileWriter{w: bufio.NewWriterSize(tmp, 64<<10)}
	err = write(fw)
	if err == nil {
		err = fw.w.Flush()
		fw.err = err
	}
	if err != nil {
		tmp.Close()
		if fw.err != nil {
			return fail(fw.err)
		}
		return err
	}
	// CreateTemp makes the file 0600: a new report gets the usual 0644
	// less the umask, a replaced one keeps its mode and owner.
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fail(err)
	}
	if st != nil {
		keepOwner(tmp, st)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(err)
	}
	return nil
}

// fileWriter remembers an error of writing the file, to tell it from an
// error of what was being written.
type fileWriter struct {
	w   *bufio.Writer
	err error
}

func (f *fileWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// writeInPlace writes to a target that is not a regular file.
func writeInPlace(target string, data []byte, fail func(error) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	return nil
}

var (
	tempMu    sync.Mutex
	tempFiles = map[string]bool{}
	tempOnce  sync.Once
)

// removeOnSignal removes file if the process is interrupted or terminated
// before the returned function is called.
func removeOnSignal(file string) (forget func()) {
	tempOnce.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go func() {
			sig := <-ch
			tempMu.Lock()
			for f := range tempFiles {
				os.Remove(f)
			}
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		}()
	})
	tempMu.Lock()
	tempFiles[file] = true
	tempMu.Unlock()
	return func() {
		tempMu.Lock()
		delete(tempFiles, file)
		tempMu.Unlock()
	}
}

// isTerminal reports whether f is a terminal: a character device such
// as /dev/null is not one (colour codes written there would end up in a
// file a redirection made).
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

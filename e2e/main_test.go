// Package e2e runs the built rampart binary as a user would, against
// servers that speak the clouds' wire protocols (moto for AWS, through
// internal/awstest). It has tests only.
package e2e

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/rampart-sec/rampart/history/pgtest"
	"github.com/rampart-sec/rampart/internal/awstest"
)

func TestMain(m *testing.M) {
	code := awstest.Run(m)
	pgtest.StopShared()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// built is the rampart binary, built once for every test of the run.
var built struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// rampartBinary builds ./cmd/rampart the first time a test asks for it.
func rampartBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		watchSources("..")
		built.dir, built.err = os.MkdirTemp("", "rampart-e2e-")
		if built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "rampart")
		gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
		built.out, built.err = exec.Command(gobin, "build", "-o", built.path, "github.com/rampart-sec/rampart/cmd/rampart").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build ./cmd/rampart: %v\n%s", built.err, built.out)
	}
	return built.path
}

// watchSources stats every file of the module below root, so that go
// test's cache counts them as inputs of these tests: the binary is built
// from them by a child process the cache does not see, and a cached PASS
// after a change to cmd/ or policies/ would say nothing.
func watchSources(root string) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case !d.IsDir():
			os.Stat(path)
		}
		return nil
	})
}

// runRampart runs the binary with the standard AWS environment variables
// pointing it at endpoint, as a user would with AWS_ENDPOINT_URL.
func runRampart(t *testing.T, endpoint string, args ...string) (stdout, stderr []byte, code int) {
	t.Helper()
	cmd := exec.Command(rampartBinary(t), args...)
	cmd.Env = append(os.Environ(), awstest.Env(endpoint)...)
	// moto answers Access Analyzer with HTTP 500, which the SDK retries
	// with real backoff; the standard setting keeps that short here.
	cmd.Env = append(cmd.Env, "AWS_MAX_ATTEMPTS=2")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.Bytes(), e.Bytes(), code
}

// result is the part of a JSON report's result the tests read.
type result struct {
	Control, Status, Severity, Account, Region, Resource string
}

// runFiles runs the binary with args in the test's environment and returns its
// exit code, stdout and stderr.
func runFiles(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(rampartBinary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errb.String()
	}
	t.Fatal(err)
	return 0, "", ""
}

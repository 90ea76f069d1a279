package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A report target that is not a regular file is written, never replaced:
// as root, replacing /dev/null with a regular file breaks the machine.
func TestOutputToNonRegularFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "-o", fifo); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b := <-got; !strings.Contains(string(b), `"schema": "rampart.results/v2"`) {
		t.Errorf("the FIFO's reader got %.80q", b)
	}
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "-o", os.DevNull); code != exitOK {
		t.Fatalf("-o %s: exit %d: %s", os.DevNull, code, errs)
	}
	for _, p := range []string{fifo, os.DevNull} {
		st, err := os.Stat(p)
		if err != nil || st.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file (%v, %v)", p, st.Mode(), err)
		}
	}
}

// An output that is one of the run's inputs is refused before anything
// runs, and the input is left as it was.
func TestOutputMayNotOverwriteAnInput(t *testing.T) {
	dir := t.TempDir()
	copyOf := func(src string) string {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.Base(src))
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return dst
	}
	snap := copyOf(example)
	cfg := copyOf("../../examples/rampart.yaml")
	waivers := copyOf("testdata/waivers-plan.yaml")
	baseline := filepath.Join(dir, "base.json")
	if code, _, errs := rampart(t, "eval", snap, "-f", "json", "-o", baseline); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(snap, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		input string
		want  string
	}{
		{"the evaluated file", []string{"eval", snap, "-o", snap}, snap, "--output " + snap + " is also the input " + snap},
		{"a link to the evaluated file", []string{"eval", snap, "-o", link}, snap, "is also the input"},
		{"the config", []string{"eval", snap, "--config", cfg, "-o", cfg}, cfg, "--output " + cfg + " is also the --config " + cfg},
		{"the baseline", []string{"eval", snap, "--baseline", baseline, "--new-only", "-f", "json", "-o", baseline}, baseline, "is also the --baseline"},
		{"the waivers", []string{"eval", snap, "--waivers", waivers, "-o", waivers}, waivers, "is also the --waivers"},
		{"the snapshot of a scan", []string{"scan", "aws", "--snapshot", filepath.Join(dir, "s.json"), "-o", filepath.Join(dir, "s.json")}, "", "--output and --snapshot both name"},
		{"offline evidence", []string{"collect", "aws", "--gaad", cfg, "--credential-report", waivers, "-o", cfg}, cfg, "is also the --gaad"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before []byte
			if tc.input != "" {
				before, _ = os.ReadFile(tc.input)
			}
			code, _, errs := rampart(t, tc.args...)
			if code != exitError || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errs, tc.want)
			}
			if tc.input != "" {
				if after, _ := os.ReadFile(tc.input); string(after) != string(before) {
					t.Errorf("%s was changed", tc.input)
				}
			}
		})
	}
}

// A link stays a link, and a replaced file keeps its mode and owner.
func TestOutputKeepsLinkModeAndOwner(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	owner := os.Getuid()
	if owner == 0 {
		// As root the test can check that the owner is kept, not reset.
		owner = 65534
		if err := os.Chown(real, owner, owner); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "-o", link); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	st, err := os.Stat(real)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the old file's 0640", st.Mode().Perm())
	}
	if uid := int(st.Sys().(*syscall.Stat_t).Uid); uid != owner {
		t.Errorf("owner %d, want the old file's %d", uid, owner)
	}
	if data, _ := os.ReadFile(real); !strings.Contains(string(data), "rampart.results/v2") {
		t.Errorf("the linked file was not written: %.40q", data)
	}
}

// Errors name the file the user gave, never the temporary file.
func TestOutputErrorsNameTheTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "missing-dir", "r.json")
	code, _, errs := rampart(t, "eval", example, "-o", target)
	if code != exitError || !strings.Contains(errs, "--output "+target+": no such file or directory") || strings.Contains(errs, ".r.json.") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// SIGTERM (and SIGINT) remove a temporary file being written. The test
// re-runs its own binary, which registers a file and signals itself.
func TestSignalRemovesTemporaryFile(t *testing.T) {
	if tmp := os.Getenv("RAMPART_TEST_TEMP_FILE"); tmp != "" {
		removeOnSignal(tmp)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		select {} // the handler exits the process
	}
	tmp := filepath.Join(t.TempDir(), ".r.json.123")
	if err := os.WriteFile(tmp, []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalRemovesTemporaryFile$")
	cmd.Env = append(os.Environ(), "RAMPART_TEST_TEMP_FILE="+tmp)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 143 {
		t.Errorf("exit: %v, want 143", err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

// /dev/null is a character device, not a terminal: colour and progress
// written to it would land in a file a redirection made.
func TestDevNullIsNotATerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("isTerminal(/dev/null) = true")
	}
}

// Package pgtest runs a throwaway PostgreSQL 15 server for tests: initdb
// into a temporary directory, pg_ctl start on a free 127.0.0.1 port with
// its socket in that directory, one fresh database per test, and the
// whole directory removed at the end. It is a real server, never a mock.
//
// A test package calls Main from its TestMain and Need in each test that
// uses PostgreSQL. The server starts on the first Need, so running only
// SQLite tests costs nothing. When PostgreSQL cannot be started the tests
// that need it skip with a loud message, and fail when CI is set.
package pgtest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// DefaultBinDir is where Debian's postgresql-15 package installs the
// server binaries; RAMPART_PG_BIN overrides it.
const DefaultBinDir = "/usr/lib/postgresql/15/bin"

// Server is a running throwaway PostgreSQL.
type Server struct {
	dir  string // holds data/, the socket and the log
	bin  string
	port int
	// asUser runs the server binaries as an unprivileged user when the
	// tests run as root: initdb and postgres refuse to run as root.
	asUser []string
	n      atomic.Int64
}

var shared struct {
	once    sync.Once
	srv     *Server
	missing string
}

// Main runs the tests and stops the server if one was started; use it as
// os.Exit(pgtest.Main(m)) in TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	StopShared()
	return code
}

// StopShared stops the shared server if a test started it: for a TestMain
// that runs its tests through another harness (internal/awstest.Run).
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}

// Need returns the shared server, starting it on first use. Without one
// it skips the test, or fails it when the CI environment variable is set.
func Need(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		srv, err := Start()
		if err != nil {
			shared.missing = err.Error()
			fmt.Fprintf(os.Stderr, "\n*** POSTGRESQL NOT AVAILABLE: the PostgreSQL store tests are SKIPPED (they fail under CI=true): %s\n\n", err)
			return
		}
		shared.srv = srv
	})
	if shared.srv == nil {
		msg := "POSTGRESQL NOT AVAILABLE, test SKIPPED: " + shared.missing
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return shared.srv
}

// Start runs initdb and pg_ctl start; the caller must Stop the server.
func Start() (*Server, error) {
	bin := os.Getenv("RAMPART_PG_BIN")
	if bin == "" {
		bin = DefaultBinDir
	}
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		return nil, fmt.Errorf("no initdb in %s (install postgresql-15, or set RAMPART_PG_BIN to its bin directory)", bin)
	}
	s := &Server{bin: bin}
	dir, err := os.MkdirTemp("", "rampart-pg-")
	if err != nil {
		return nil, err
	}
	s.dir = dir
	if err := s.dropPrivileges(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if out, err := s.run("initdb", "-D", s.data(), "-U", "rampart", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// A port taken between choosing and binding fails pg_ctl start; try
	// a few.
	var lastErr error
	for range 3 {
		if s.port, err = freePort(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c full_page_writes=off -c max_connections=200", s.port, s.dir)
		out, err := s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.dir, "server.log"), "-o", opts)
		if err == nil {
			return s, nil
		}
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		lastErr = fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// dropPrivileges arranges for the server binaries to run as "nobody" when
// the tests run as root, handing it the temporary directory.
func (s *Server) dropPrivileges() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return fmt.Errorf("running as root, and initdb refuses root: no user nobody to run it as: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(s.dir, uid, gid); err != nil {
		return err
	}
	if p, err := exec.LookPath("setpriv"); err == nil {
		s.asUser = []string{p, "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--"}
	} else if p, err := exec.LookPath("runuser"); err == nil {
		s.asUser = []string{p, "-u", "nobody", "--"}
	} else {
		return errors.New("running as root, and initdb refuses root: neither setpriv nor runuser is available to run it as nobody")
	}
	return nil
}

// run runs a server binary (as the unprivileged user when root).
func (s *Server) run(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, s.asUser...), filepath.Join(s.bin, name)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	// nobody's home does not exist; the locale is fixed by --locale.
	cmd.Env = append(os.Environ(), "HOME="+s.dir, "LC_ALL=C", "PGTZ=UTC")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() {
	s.run("pg_ctl", "stop", "-w", "-m", "fast", "-D", s.data())
	os.RemoveAll(s.dir)
}

// DSN is the connection string of a database on the server.
func (s *Server) DSN(database string) string {
	return fmt.Sprintf("postgres://rampart@127.0.0.1:%d/%s?sslmode=disable", s.port, database)
}

// NewDatabase creates an empty database for one test and drops it when
// the test ends; it returns its DSN.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%s", s.n.Add(1), sanitize(t.Name()))
	admin, err := sql.Open("pgx", s.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", s.DSN("postgres"))
		if err != nil {
			return
		}
		defer admin.Close()
		admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return s.DSN(name)
}

// sanitize keeps a test name usable as an unquoted database name.
func sanitize(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

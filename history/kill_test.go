package history

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// helperEnv makes the test binary a writer process: it opens the store
// named by the variable, starts recording a scan and stops inside the
// transaction, saying so on stdout, until it is killed.
const helperEnv = "RAMPART_HISTORY_TEST_WRITER"

func helperMain() int {
	st, err := Open(context.Background(), os.Getenv(helperEnv))
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	s := st.(*sqlStore)
	s.pause = func(point string) {
		fmt.Println("PAUSED", point)
		select {} // until killed
	}
	r := scan(dayN(1), []string{a1, a2}, []res{
		{"mfa", a1, "userA", results.High, results.Pass}, {"mfa", a2, "userB", results.Critical, results.Fail},
	})
	_, err = s.Record(context.Background(), r, Meta{Snapshot: []byte(`{"big": "snapshot"}`)})
	fmt.Println("ERROR recorded without pausing:", err)
	return 1
}

func TestKilledWriterLeavesNoPartialScan(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		first := record(t, s, scan(dayN(0), []string{a1}, []res{{"mfa", a1, "userA", results.High, results.Fail}}), Meta{})
		before := storeState(t, s)

		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+dsn)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "PAUSED results") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("writer did not pause mid-transaction: %q %v", line, err)
		}
		cmd.Process.Kill()
		cmd.Wait()

		if after := storeState(t, s); after != before {
			t.Errorf("killed writer changed the store:\nbefore %s\nafter  %s", before, after)
		}
		// The dead writer's locks are gone: the next scan records, and
		// resolves the first scan's finding as the lost one would have.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sc, err := s.Record(ctx, scan(dayN(2), []string{a1}, []res{{"mfa", a1, "userA", results.High, results.Pass}}), Meta{})
		if err != nil {
			t.Fatalf("recording after a killed writer: %v", err)
		}
		if sc.ID == first.ID {
			t.Error("scan ID reused")
		}
		fs, err := s.Findings(context.Background(), FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].ResolvedAt == nil || !fs[0].ResolvedAt.Equal(dayN(2)) {
			t.Errorf("findings after the next scan: %+v", fs)
		}
	})
}

// storeState summarises every table's row count.
func storeState(t *testing.T, s *sqlStore) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"scans", "scan_scopes", "scan_controls", "results", "snapshots", "findings", "resolutions"} {
		var n int
		if err := s.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	var resolved int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM findings WHERE resolved_at IS NOT NULL").Scan(&resolved); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "resolved=%d", resolved)
	return b.String()
}

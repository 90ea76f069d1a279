package aws

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/rampart-sec/rampart/history/pgtest"
)

// One moto server serves every test of this package; worlds are separated
// by resetting it (POST /moto-api/reset). Tests that need it call
// needMoto, which skips loudly when moto is not installed and fails when
// the CI environment variable is set.
var moto struct {
	url     string
	missing string // why moto is unavailable
}

// motoAccount is moto's default account: the access keys the tests use are
// unknown to moto, so it answers as this account (an AWS documentation
// example ID, not a real account).
const motoAccount = "123456789012"

func TestMain(m *testing.M) {
	// Keep the developer's own AWS configuration out of the tests (moto
	// gets the environment as it was: it uses boto internally).
	stop := startMoto()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		os.Unsetenv(k)
	}
	os.Setenv("AWS_CONFIG_FILE", os.DevNull)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	// pgtest.Main runs the tests and stops the PostgreSQL server the
	// sharded-scan test starts on first use.
	code := pgtest.Main(m)
	stop()
	os.Exit(code)
}

func startMoto() (stop func()) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		moto.missing = "moto_server is not on PATH (pip install 'moto[server]==5.2.1')"
		return func() {}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		moto.missing = err.Error()
		return func() {}
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	out, err := cmd.StderrPipe()
	if err != nil {
		moto.missing = err.Error()
		return func() {}
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		moto.missing = "starting moto_server: " + err.Error()
		return func() {}
	}
	// Wait for werkzeug's "Running on" line, with a deadline: a condition,
	// not a sleep. The log is kept for the failure message and drained to
	// the end so moto never blocks on a full pipe.
	ready := make(chan struct{})
	var logMu sync.Mutex
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(out)
		once := sync.Once{}
		for sc.Scan() {
			logMu.Lock()
			if log.Len() < 16<<10 {
				log.WriteString(sc.Text() + "\n")
			}
			logMu.Unlock()
			if strings.Contains(sc.Text(), "Running on") {
				once.Do(func() { close(ready) })
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		logMu.Lock()
		moto.missing = "moto_server did not start within 60s:\n" + log.String()
		logMu.Unlock()
		return func() {}
	}
	moto.url = fmt.Sprintf("http://127.0.0.1:%d", port)
	return func() {
		cmd.Process.Kill()
		cmd.Wait()
	}
}

// needMoto skips the test when moto is missing (failing under CI) and
// otherwise resets moto to an empty world.
func needMoto(t *testing.T) string {
	t.Helper()
	if moto.url == "" {
		msg := "MOTO NOT AVAILABLE, AWS collector tests against moto SKIPPED: " + moto.missing
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	resp, err := http.Post(moto.url+"/moto-api/reset", "application/json", strings.NewReader(""))
	if err != nil {
		t.Fatalf("resetting moto: %v", err)
	}
	resp.Body.Close()
	return moto.url
}

// testConfigOptions points the SDK at endpoint with fake static keys; it is
// what a user gets from AWS_ENDPOINT_URL and the environment.
func testConfigOptions(endpoint string) []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithBaseEndpoint(endpoint),
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")),
	}
}

// fixedNow is the clock of every test collection.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testOptions are collector options for tests: fixed clock, no real
// backoff, fast credential-report polling.
func testOptions(endpoint string, regions ...string) Options {
	return Options{
		Regions:          regions,
		Version:          "test",
		Now:              func() time.Time { return fixedNow },
		RetryMaxBackoff:  time.Millisecond,
		ReportPoll:       10 * time.Millisecond,
		ReportWait:       30 * time.Second,
		CallTimeout:      30 * time.Second,
		ConfigOptions:    testConfigOptions(endpoint),
		RetryMaxAttempts: 10,
	}
}

// builderConfig is an SDK config for the world builder, which talks to moto
// directly (no proxy, no allowlist guard: it creates things).
func builderConfig(t *testing.T, endpoint string) aws.Config {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(), testConfigOptions(endpoint)...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

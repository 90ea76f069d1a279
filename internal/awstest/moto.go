// Package awstest runs rampart's AWS tests against moto, a server that
// speaks the AWS wire protocols on 127.0.0.1: one moto_server per test
// binary (Run, Need), a Builder that creates worlds in it through the
// real SDK, and a Proxy that names, logs and faults every call on the
// wire. The collector's tests (collectors/aws) and the end-to-end tests of
// the built binary (e2e/) share it. Only _test.go files import it.
package awstest

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Account is moto's default account: the access keys the tests use are
// unknown to moto, so it answers as this account (an AWS documentation
// example ID, not a real account).
const Account = "123456789012"

// Fake static keys (AWS's documentation examples), which moto accepts.
const (
	AccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// moto is the one server of this test binary; worlds are separated by
// resetting it (POST /moto-api/reset).
var moto struct {
	url     string
	missing string // why moto is unavailable
}

// Run is the body of a TestMain: it keeps the developer's own AWS
// configuration out of the tests, starts moto, runs the tests, stops moto
// and returns the exit code for os.Exit.
func Run(m *testing.M) int {
	// moto gets the environment as it was (it uses boto internally); the
	// tests and the binaries they run do not.
	stop := start()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		os.Unsetenv(k)
	}
	os.Setenv("AWS_CONFIG_FILE", os.DevNull)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	defer stop()
	return m.Run()
}

func start() (stop func()) {
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

// Need skips the test when moto is missing (failing when the CI
// environment variable is set) and otherwise resets moto to an empty
// world. It returns moto's URL.
func Need(t testing.TB) string {
	t.Helper()
	if moto.url == "" {
		msg := "MOTO NOT AVAILABLE, AWS tests against moto SKIPPED: " + moto.missing
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
	forgetMade()
	return moto.url
}

// ConfigOptions point the SDK at endpoint with the fake static keys in
// us-east-1: what a user gets from AWS_ENDPOINT_URL and the environment.
func ConfigOptions(endpoint string) []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithBaseEndpoint(endpoint),
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, "")),
	}
}

// Env is the environment of a process (the built rampart) pointed at
// endpoint the standard way: AWS_ENDPOINT_URL and the fake keys.
func Env(endpoint string) []string {
	return []string{"AWS_ENDPOINT_URL=" + endpoint, "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=" + AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + SecretAccessKey}
}

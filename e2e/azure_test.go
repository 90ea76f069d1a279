package e2e

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
)

// azureEnv is what a user of a sovereign cloud or Azure Stack sets up: a
// --cloud file, the cloud's CA in SSL_CERT_FILE, and `az login` (here a
// stub az printing a token, the way `az account get-access-token` does).
func azureEnv(t *testing.T, f *azurefake.Server) (cloudFile string, env []string) {
	t.Helper()
	dir := t.TempDir()
	cloudFile = filepath.Join(dir, "cloud.json")
	body := `{"authority_host": "` + f.URL + `/", "resource_manager_endpoint": "` + f.URL + `", "resource_manager_audience": "https://management.core.windows.net/", "graph_endpoint": "` + f.URL + `"}`
	ca := filepath.Join(dir, "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.Certificate().Raw})
	bin := filepath.Join(dir, "bin")
	az := "#!/bin/sh\n" + `echo '{"accessToken": "fake-cli-token", "expiresOn": "2999-01-01 00:00:00.000000", "expires_on": 32472144000, "subscription": "` + azurefake.SubProd + `", "tenant": "` + azurefake.TenantID + `", "tokenType": "Bearer"}'` + "\n"
	for p, b := range map[string][]byte{cloudFile: []byte(body), ca: pemBytes} {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "az"), []byte(az), 0o755); err != nil {
		t.Fatal(err)
	}
	env = append(os.Environ(),
		"PATH="+bin+":"+os.Getenv("PATH"),
		"SSL_CERT_FILE="+ca,
		"AZURE_TOKEN_CREDENTIALS=AzureCLICredential",
		"AZURE_CLIENT_ID=", "AZURE_CLIENT_SECRET=", "AZURE_TENANT_ID=",
	)
	return cloudFile, env
}

func run(t *testing.T, bin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// `rampart scan azure --cloud FILE` with Azure CLI credentials: exit 1 on
// the known world's critical findings, and the JSON results hold the
// verdicts the world was built to produce, the denied subscription as
// ERROR.
func TestScanAzureEndToEnd(t *testing.T) {
	f := azurefake.New(t, azurefake.KnownWorld())
	cloud, env := azureEnv(t, f)
	bin := rampartBinary(t)
	out := filepath.Join(t.TempDir(), "results.json")
	_, stderr, code := run(t, bin, env, "scan", "azure", "--cloud", cloud, "--format", "json", "--output", out, "--fail-on", "critical", "--now", "2025-06-01T00:00:00Z")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (critical findings)\n%s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Results []struct {
			Control, Status, Account, Resource string
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("results JSON: %v\n%s", err, data[:min(len(data), 400)])
	}
	got := map[string]string{}
	for _, r := range doc.Results {
		got[r.Control+" "+r.Resource] = r.Status
		if r.Account == azurefake.SubDenied && r.Status != "ERROR" {
			t.Errorf("%s %s in the denied subscription: %s, want ERROR", r.Control, r.Resource, r.Status)
		}
	}
	users := "/tenants/" + azurefake.TenantID + "/users/"
	for k, want := range map[string]string{
		"azure-privileged-mfa " + users + azurefake.UID(2): "FAIL",
		"azure-user-mfa " + users + azurefake.UID(1):       "PASS",
		"azure-lighthouse-delegation /subscriptions/" + azurefake.SubProd + "/providers/Microsoft.ManagedServices/registrationAssignments/l1": "FAIL",
		"azure-activity-log-export /subscriptions/" + azurefake.SubProd:                                                                       "PASS",
		"azure-activity-log-export /subscriptions/" + azurefake.SubDenied:                                                                     "ERROR",
	} {
		if got[k] != want {
			t.Errorf("%s: %q, want %s", k, got[k], want)
		}
	}
	if !strings.Contains(strings.Join(f.Log(), "\n"), "GET /v1.0/users") {
		t.Error("the binary never called Graph")
	}
}

// A bad --cloud file is a usage error: exit 2, one line naming the file
// and what was expected, and no output file written.
func TestScanAzureBadCloudFile(t *testing.T) {
	bin := rampartBinary(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "cloud.json")
	os.WriteFile(bad, []byte(`{"authority_host": "http://login.example.test"}`), 0o600)
	out := filepath.Join(dir, "results.json")
	_, stderr, code := run(t, bin, os.Environ(), "scan", "azure", "--cloud", bad, "--format", "json", "--output", out)
	if code != 2 || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "authority_host: expected an https:// URL") {
		t.Fatalf("exit %d, stderr %q; want 2 naming the file and the key", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("an output was written: %v", err)
	}
}

package azure

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestResolveCloud(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `{"authority_host": "https://login.example.test/", "resource_manager_endpoint": "https://arm.example.test", "resource_manager_audience": "https://arm.example.test", "graph_endpoint": "https://graph.example.test/"}`
	for _, tc := range []struct {
		name, arg, want string // want: an error substring, or "" for success
		graph           string
	}{
		{"public by default", "", "", "https://graph.microsoft.com"},
		{"US government", "AzureUSGovernment", "", "https://graph.microsoft.us"},
		{"China, any case", "azurechina", "", "https://microsoftgraph.chinacloudapi.cn"},
		{"custom file", write("ok.json", good), "", "https://graph.example.test"},
		{"unknown name", "AzureGermany", "expected one of AzureChina, AzurePublic, AzureUSGovernment", ""},
		{"missing file", filepath.Join(dir, "nope.json"), "no such file", ""},
		{"not JSON", write("bad.json", "{\n  \"authority_host\": \"https://x\",\n  oops\n}"), "bad.json:3:3: invalid JSON", ""},
		{"unknown key", write("key.json", `{"authority": "https://x"}`), `unknown key "authority"`, ""},
		{"plain http", write("http.json", strings.Replace(good, "https://graph", "http://graph", 1)), "graph_endpoint: expected an https:// URL", ""},
		{"missing endpoint", write("short.json", `{"authority_host": "https://login.example.test/"}`), "resource_manager_endpoint: expected an https:// URL", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ResolveCloud(tc.arg)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.Graph != tc.graph {
					t.Fatalf("graph %q, want %q", c.Graph, tc.graph)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			var ie *snapshot.InputError
			if strings.HasSuffix(tc.arg, ".json") && tc.name != "missing file" && !errors.As(err, &ie) {
				t.Fatalf("a bad cloud file is an InputError naming the file: %T", err)
			}
		})
	}
}

func TestCustomCloudTurnsInstanceDiscoveryOff(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(p, []byte(`{"authority_host": "https://login.example.test/", "resource_manager_endpoint": "https://arm.example.test", "resource_manager_audience": "https://arm.example.test", "graph_endpoint": "https://graph.example.test"}`), 0o600)
	c, err := ResolveCloud(p)
	if err != nil || !c.Custom {
		t.Fatalf("custom=%v err=%v", c.Custom, err)
	}
	if pub, _ := ResolveCloud("AzurePublic"); pub.Custom {
		t.Fatal("a well-known cloud keeps instance discovery")
	}
}

package azure

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/rampart-sec/rampart/snapshot"
)

// Cloud is where a tenant lives: the Entra ID authority, Azure Resource
// Manager and Microsoft Graph of one Azure cloud.
type Cloud struct {
	// Name is "AzurePublic", "AzureUSGovernment", "AzureChina" or "custom".
	Name string
	// Config is azcore's description (authority host, ARM endpoint and
	// audience).
	Config cloud.Configuration
	// Graph is the Microsoft Graph endpoint, without the version path.
	Graph string
	// Custom is true for a cloud read from a file: instance discovery is
	// then off, since the authority is not a known Microsoft one.
	Custom bool
}

var wellKnown = map[string]Cloud{
	"AzurePublic":       {Name: "AzurePublic", Config: cloud.AzurePublic, Graph: "https://graph.microsoft.com"},
	"AzureUSGovernment": {Name: "AzureUSGovernment", Config: cloud.AzureGovernment, Graph: "https://graph.microsoft.us"},
	"AzureChina":        {Name: "AzureChina", Config: cloud.AzureChina, Graph: "https://microsoftgraph.chinacloudapi.cn"},
}

// cloudFile is the --cloud FILE.json format, for sovereign clouds, Azure
// Stack and tests.
type cloudFile struct {
	AuthorityHost           string `json:"authority_host"`
	ResourceManagerEndpoint string `json:"resource_manager_endpoint"`
	ResourceManagerAudience string `json:"resource_manager_audience"`
	GraphEndpoint           string `json:"graph_endpoint"`
}

// CloudNames lists the clouds --cloud accepts by name.
func CloudNames() []string {
	var names []string
	for n := range wellKnown {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ResolveCloud reads --cloud: a well-known name, or the path of a JSON file
// naming the four endpoints. A bad file is an *snapshot.InputError naming
// the file, the position and what was expected.
func ResolveCloud(arg string) (Cloud, error) {
	if arg == "" {
		arg = "AzurePublic"
	}
	if c, ok := wellKnown[arg]; ok {
		return c, nil
	}
	for n, c := range wellKnown {
		if strings.EqualFold(n, arg) {
			return c, nil
		}
	}
	if !strings.HasSuffix(strings.ToLower(arg), ".json") {
		return Cloud{}, fmt.Errorf("--cloud %q: expected one of %s, or a .json file describing the cloud's endpoints", arg, strings.Join(CloudNames(), ", "))
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		return Cloud{}, fmt.Errorf("--cloud %s: %w", arg, err)
	}
	return parseCloudFile(arg, data)
}

func parseCloudFile(file string, data []byte) (Cloud, error) {
	var f cloudFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			return Cloud{}, &snapshot.InputError{File: file, Msg: "unknown key " + strings.TrimPrefix(err.Error(), "json: unknown field ") + ": expected authority_host, resource_manager_endpoint, resource_manager_audience, graph_endpoint"}
		}
		return Cloud{}, snapshot.JSONError(file, data, err)
	}
	for _, kv := range []struct{ key, val string }{
		{"authority_host", f.AuthorityHost},
		{"resource_manager_endpoint", f.ResourceManagerEndpoint},
		{"resource_manager_audience", f.ResourceManagerAudience},
		{"graph_endpoint", f.GraphEndpoint},
	} {
		u, err := url.Parse(kv.val)
		if kv.val == "" || err != nil || u.Scheme != "https" || u.Host == "" {
			return Cloud{}, &snapshot.InputError{File: file, Msg: fmt.Sprintf("%s: expected an https:// URL, got %q", kv.key, kv.val)}
		}
	}
	return Cloud{
		Name: "custom",
		Config: cloud.Configuration{
			ActiveDirectoryAuthorityHost: f.AuthorityHost,
			Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
				cloud.ResourceManager: {Endpoint: f.ResourceManagerEndpoint, Audience: f.ResourceManagerAudience},
			},
		},
		Graph:  strings.TrimRight(f.GraphEndpoint, "/"),
		Custom: true,
	}, nil
}

// cloudRM is azcore's name of the Resource Manager service.
func cloudRM() cloud.ServiceName { return cloud.ResourceManager }

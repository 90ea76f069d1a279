package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// graphClient calls Microsoft Graph v1.0 through azcore's pipeline: bearer
// token, retries with Retry-After honoured, the allowlist, no Graph SDK.
type graphClient struct {
	endpoint string // e.g. https://graph.microsoft.com
	pl       runtime.Pipeline
	calls    *atomic.Int64
}

func newGraphClient(c Cloud, cred azcore.TokenCredential, opts policy.ClientOptions, calls *atomic.Int64) (*graphClient, error) {
	u, err := url.Parse(c.Graph)
	if err != nil {
		return nil, fmt.Errorf("graph endpoint %q: %w", c.Graph, err)
	}
	opts.PerCallPolicies = append(append([]policy.Policy{}, opts.PerCallPolicies...), allowlistPolicy{prefix: strings.TrimRight(u.Path, "/")}, countPolicy{calls})
	scope := strings.TrimRight(c.Graph, "/") + "/.default"
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{scope}, nil)},
	}, &opts)
	return &graphClient{endpoint: strings.TrimRight(c.Graph, "/"), pl: pl, calls: calls}, nil
}

// countPolicy counts requests (attempts, retries included) for the
// figures of the calls a collection costs.
type countPolicy struct{ n *atomic.Int64 }

// Do counts the request.
func (p countPolicy) Do(req *policy.Request) (*http.Response, error) {
	if p.n != nil {
		p.n.Add(1)
	}
	return req.Next()
}

// get reads one object at path (relative to /v1.0) with query into v.
func (g *graphClient) get(ctx context.Context, path string, query url.Values, v any) error {
	u := g.endpoint + "/v1.0" + path
	if len(query) > 0 {
		u += "?" + encodeQuery(query)
	}
	return g.getURL(ctx, u, v)
}

func (g *graphClient) getURL(ctx context.Context, u string, v any) error {
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return err
	}
	req.Raw().Header.Set("Accept", "application/json")
	// Advanced queries ($filter on some properties) need it; harmless
	// elsewhere.
	req.Raw().Header.Set("ConsistencyLevel", "eventual")
	resp, err := g.pl.Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	return runtime.UnmarshalAsJSON(resp, v)
}

// page is one page of a Graph collection.
type page[T any] struct {
	Value    []T    `json:"value"`
	NextLink string `json:"@odata.nextLink"`
}

// list reads every page of a collection, following @odata.nextLink, so
// that the cost is one call per page, never one per entity. A nextLink
// that leaves the Graph endpoint is refused.
func list[T any](ctx context.Context, g *graphClient, path string, query url.Values) ([]T, error) {
	out := []T{}
	u := g.endpoint + "/v1.0" + path
	if len(query) > 0 {
		u += "?" + encodeQuery(query)
	}
	for u != "" {
		var p page[T]
		if err := g.getURL(ctx, u, &p); err != nil {
			return nil, err
		}
		out = append(out, p.Value...)
		if p.NextLink != "" && !strings.HasPrefix(p.NextLink, g.endpoint+"/") {
			return nil, fmt.Errorf("graph: @odata.nextLink %q leaves %s", p.NextLink, g.endpoint)
		}
		u = p.NextLink
	}
	return out, nil
}

// encodeQuery keeps OData's "$" and "," readable: Graph accepts them
// escaped or not, and logs read better unescaped.
func encodeQuery(q url.Values) string {
	s := q.Encode()
	return strings.NewReplacer("%24", "$", "%2C", ",").Replace(s)
}

// raw keeps a JSON value for later decoding.
type raw = json.RawMessage

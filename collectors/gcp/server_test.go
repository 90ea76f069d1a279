package gcp

import (
	"context"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"cloud.google.com/go/asset/apiv1/assetpb"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// call is one RPC the fake Cloud Asset Inventory received.
type call struct {
	Method      string
	Parent      string
	ContentType string
	PageToken   string
	Code        codes.Code
}

// fakeCAI implements assetpb.AssetServiceServer's ListAssets over a world,
// on 127.0.0.1, with the faults the tests inject. Every other method is the
// generated Unimplemented one — and logged, so the allowlist test can show
// that nothing else reached the server.
type fakeCAI struct {
	assetpb.UnimplementedAssetServiceServer
	w *world
	// deny answers PERMISSION_DENIED for these parents.
	deny map[string]bool
	// exhausted answers RESOURCE_EXHAUSTED to this many calls first.
	exhausted int

	mu    sync.Mutex
	calls []call
}

func (f *fakeCAI) log(c call) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
}

func (f *fakeCAI) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// projectNumbers maps project IDs to numbers, as CAI resolves
// "projects/ID" parents.
func (f *fakeCAI) projectNumber(id string) string {
	for _, a := range f.w.assets {
		if a.GetAssetType() == typeProject && a.GetResource() != nil {
			m := a.GetResource().GetData().AsMap()
			if m["projectId"] == id {
				return m["projectNumber"].(string)
			}
		}
	}
	return id
}

func (f *fakeCAI) ListAssets(ctx context.Context, req *assetpb.ListAssetsRequest) (*assetpb.ListAssetsResponse, error) {
	c := call{Method: "ListAssets", Parent: req.GetParent(), ContentType: req.GetContentType().String(), PageToken: req.GetPageToken()}
	f.mu.Lock()
	if f.exhausted > 0 {
		f.exhausted--
		f.mu.Unlock()
		c.Code = codes.ResourceExhausted
		f.log(c)
		return nil, status.Error(codes.ResourceExhausted, "Quota exceeded for quota metric 'List Assets requests'")
	}
	f.mu.Unlock()
	if f.deny[req.GetParent()] {
		c.Code = codes.PermissionDenied
		f.log(c)
		return nil, status.Errorf(codes.PermissionDenied, "The caller does not have permission on %s", req.GetParent())
	}
	f.log(c)
	if req.GetContentType() == assetpb.ContentType_CONTENT_TYPE_UNSPECIFIED {
		return nil, status.Error(codes.InvalidArgument, "content type required")
	}
	scope := req.GetParent()
	if p, ok := strings.CutPrefix(scope, "projects/"); ok {
		scope = "projects/" + f.projectNumber(p)
	}
	var match []*assetpb.Asset
	for _, a := range f.w.assets {
		if !slices.Contains(a.GetAncestors(), scope) {
			continue
		}
		if len(req.GetAssetTypes()) > 0 && !slices.Contains(req.GetAssetTypes(), a.GetAssetType()) {
			continue
		}
		var keep *assetpb.Asset
		switch req.GetContentType() {
		case assetpb.ContentType_RESOURCE:
			if a.GetResource() != nil {
				keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, Resource: a.Resource}
			}
		case assetpb.ContentType_IAM_POLICY:
			if a.GetIamPolicy() != nil {
				keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, IamPolicy: a.IamPolicy}
			}
		case assetpb.ContentType_ORG_POLICY:
			if len(a.GetOrgPolicy()) > 0 {
				keep = &assetpb.Asset{Name: a.Name, AssetType: a.AssetType, Ancestors: a.Ancestors, OrgPolicy: a.OrgPolicy}
			}
		}
		if keep != nil {
			match = append(match, proto.Clone(keep).(*assetpb.Asset))
		}
	}
	size := int(req.GetPageSize())
	if size <= 0 {
		size = 100
	}
	size = min(size, 1000)
	start := 0
	if req.GetPageToken() != "" {
		n, err := strconv.Atoi(req.GetPageToken())
		if err != nil {
			return nil, status.Error(codes.InvalidArgument, "bad page token")
		}
		start = n
	}
	end := min(start+size, len(match))
	resp := &assetpb.ListAssetsResponse{Assets: match[start:end]}
	if end < len(match) {
		resp.NextPageToken = strconv.Itoa(end)
	}
	return resp, nil
}

// serve starts f on 127.0.0.1 and returns the client options that reach
// it: the real SDK client over a real gRPC connection, without
// authentication.
func serve(t testing.TB, f *fakeCAI) []option.ClientOption {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	others := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		if !strings.HasSuffix(info.FullMethod, "/ListAssets") {
			f.log(call{Method: info.FullMethod})
		}
		return h(ctx, req)
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(others), grpc.UnknownServiceHandler(func(_ any, stream grpc.ServerStream) error {
		m, _ := grpc.MethodFromServerStream(stream)
		f.log(call{Method: m, Code: codes.Unimplemented})
		return status.Error(codes.Unimplemented, m)
	}))
	assetpb.RegisterAssetServiceServer(srv, f)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return []option.ClientOption{
		option.WithEndpoint(lis.Addr().String()),
		option.WithoutAuthentication(),
		option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())),
	}
}

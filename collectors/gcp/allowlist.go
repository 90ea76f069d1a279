package gcp

import (
	"context"
	"fmt"
	"sort"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// allowedMethods are the only gRPC methods the collector may call:
// principle 1 of the design, enforced at run time. roles/cloudasset.viewer
// grants cloudasset.assets.listResource, listIamPolicy and listOrgPolicy,
// which is all ListAssets needs.
var allowedMethods = map[string]bool{
	"/google.cloud.asset.v1.AssetService/ListAssets": true,
}

// AllowedMethods returns the read-only allowlist, sorted.
func AllowedMethods() []string {
	out := make([]string, 0, len(allowedMethods))
	for m := range allowedMethods {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// allowlistInterceptor refuses, before anything is sent, every method not
// on the allowlist: a programming error that must never reach Google.
func allowlistInterceptor(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	if !allowedMethods[method] {
		return status.Error(codes.PermissionDenied, fmt.Sprintf("rampart: %s is not on the read-only allowlist", method))
	}
	return invoker(ctx, method, req, reply, cc, opts...)
}

// streamAllowlistInterceptor does the same for streaming calls, which the
// collector never makes.
func streamAllowlistInterceptor(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	if !allowedMethods[method] {
		return nil, status.Error(codes.PermissionDenied, fmt.Sprintf("rampart: %s is not on the read-only allowlist", method))
	}
	return streamer(ctx, desc, cc, method, opts...)
}

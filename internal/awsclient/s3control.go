// Package awsclient builds the AWS SDK clients whose defaults cannot reach
// a local endpoint. The collector and the test world (internal/awstest)
// both use it, so the two reach moto, or any AWS_ENDPOINT_URL, the same way.
package awsclient

import (
	"context"
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
)

// S3Control returns an S3 Control client for region. S3 Control puts the
// account ID in front of the host name ({account}.s3-control.{region}...);
// with an endpoint override such as AWS_ENDPOINT_URL=http://127.0.0.1:5000
// that gives a name that cannot resolve. Under an override whose host is an
// IP address or localhost the prefix is dropped again; S3 Control still
// gets the account from the x-amz-account-id header.
func S3Control(cfg aws.Config, region string) *s3control.Client {
	return s3control.NewFromConfig(cfg, func(o *s3control.Options) {
		o.Region = region
		if o.BaseEndpoint == nil {
			return
		}
		u, err := url.Parse(*o.BaseEndpoint)
		if err != nil {
			return
		}
		h := u.Hostname()
		if h != "localhost" && net.ParseIP(h) == nil {
			return
		}
		o.EndpointResolverV2 = overrideHostResolver{next: s3control.NewDefaultEndpointResolverV2(), host: u.Host}
	})
}

type overrideHostResolver struct {
	next s3control.EndpointResolverV2
	host string
}

func (r overrideHostResolver) ResolveEndpoint(ctx context.Context, p s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	e, err := r.next.ResolveEndpoint(ctx, p)
	if err == nil && strings.HasSuffix(e.URI.Host, "."+r.host) {
		e.URI.Host = r.host
	}
	return e, err
}

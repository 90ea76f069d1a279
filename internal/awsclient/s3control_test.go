package awsclient

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
)

// The account prefix S3 Control adds to the host is dropped for a local
// endpoint only.
func TestS3ControlEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name, base, wantHost string
	}{
		{"IP address", "http://127.0.0.1:5000", "127.0.0.1:5000"},
		{"localhost", "http://localhost:4566", "localhost:4566"},
		{"a real name keeps the prefix", "https://s3-control.example.com", "123456789012.s3-control.example.com"},
		{"no override: AWS itself", "", "123456789012.s3-control.eu-west-1.amazonaws.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := aws.Config{Region: "us-east-1"}
			if tc.base != "" {
				cfg.BaseEndpoint = aws.String(tc.base)
			}
			o := S3Control(cfg, "eu-west-1").Options()
			if o.Region != "eu-west-1" {
				t.Errorf("region %s", o.Region)
			}
			p := s3control.EndpointParameters{Region: aws.String("eu-west-1"), AccountId: aws.String("123456789012"), RequiresAccountId: aws.Bool(true), Endpoint: o.BaseEndpoint, UseFIPS: aws.Bool(false), UseDualStack: aws.Bool(false)}
			e, err := o.EndpointResolverV2.ResolveEndpoint(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if e.URI.Host != tc.wantHost {
				t.Errorf("host %s, want %s", e.URI.Host, tc.wantHost)
			}
		})
	}
}

package aws

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
)

// defaultMaxAttempts bounds retries when neither Options nor the SDK
// configuration says otherwise.
const defaultMaxAttempts = 5

// defaultRegion is used for global services when no region is configured.
const defaultRegion = "us-east-1"

// loadConfig builds the SDK configuration from the standard chain
// (environment, shared config and profiles including SSO, AWS_ENDPOINT_URL)
// with rampart's retry, timeout and read-only guard on top.
func loadConfig(ctx context.Context, o Options) (aws.Config, error) {
	load := []func(*config.LoadOptions) error{
		config.WithHTTPClient(awshttp.NewBuildableClient().
			WithTimeout(o.CallTimeout).
			WithTransportOptions(func(t *http.Transport) {
				// Regions and accounts are collected concurrently against
				// the same few endpoints.
				t.MaxIdleConnsPerHost = 32
			})),
	}
	if o.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(o.Profile))
	}
	load = append(load, o.ConfigOptions...)
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return aws.Config{}, err
	}
	if cfg.Region == "" {
		cfg.Region = defaultRegion
	}
	// Attempts: the option, else the user's own AWS_MAX_ATTEMPTS /
	// max_attempts, else 5 (a persistent 5xx then costs about 15 s of
	// backoff, not minutes).
	if o.RetryMaxAttempts <= 0 {
		o.RetryMaxAttempts = cfg.RetryMaxAttempts
	}
	if o.RetryMaxAttempts <= 0 {
		o.RetryMaxAttempts = defaultMaxAttempts
	}
	cfg.Retryer = func() aws.Retryer { return newRetryer(o) }
	// The SDK's own log lines ("SDK ... WARN ...") would reach the user's
	// stderr raw; what matters is recorded in the snapshot's errors.
	cfg.Logger = logging.Nop{}
	cfg.APIOptions = append(cfg.APIOptions, addAllowlistGuard)
	if o.Meter != nil {
		cfg.APIOptions = append(cfg.APIOptions, countCalls(o.Meter))
	}
	return cfg, nil
}

// newRetryer is the SDK's adaptive retryer (client-side rate limiting on
// throttles) with bounded attempts. The standard retry quota is switched
// off: an auditor that gives up retrying after a burst of throttles reports
// holes in its data, while adaptive mode already slows the client down.
func newRetryer(o Options) aws.Retryer {
	return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
		if o.NoClientRateLimit {
			ao.Throttles = nil
		}
		ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = o.RetryMaxAttempts
			so.RateLimiter = ratelimit.None
			if o.RetryMaxBackoff > 0 {
				so.MaxBackoff = o.RetryMaxBackoff
				so.Backoff = retry.NewExponentialJitterBackoff(o.RetryMaxBackoff)
			}
		})
	})
}

// identity is who the credentials belong to.
type identity struct {
	account, arn, partition string
}

// identityAttempts bounds the first call: when the endpoint or the
// credentials are wrong, every later call would fail the same way, so the
// collection stops at once instead of retrying for minutes.
const identityAttempts = 2

func callerIdentity(ctx context.Context, cfg aws.Config) (identity, error) {
	out, err := sts.NewFromConfig(cfg, func(o *sts.Options) {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, identityAttempts)
	}).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		_, _, code, msg := classify(err)
		return identity{}, fmt.Errorf("%s: %s (check the credentials: --profile or AWS_PROFILE, `aws sso login` for SSO profiles, and AWS_ENDPOINT_URL if set)", code, msg)
	}
	id := identity{account: aws.ToString(out.Account), arn: aws.ToString(out.Arn), partition: "aws"}
	if a, err := arn.Parse(id.arn); err == nil {
		id.partition = a.Partition
	}
	return id, nil
}

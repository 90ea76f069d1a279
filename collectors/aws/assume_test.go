package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func assumeForBuilder(ctx context.Context, cfg aws.Config, roleARN string) (aws.CredentialsProvider, error) {
	p := aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), roleARN))
	_, err := p.Retrieve(ctx)
	return p, err
}

package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/rampart-sec/rampart/internal/awsclient"
	"github.com/rampart-sec/rampart/snapshot"
)

// account collects one account: its global IAM data, its account-level
// settings and every enabled region.
func (c *collection) account(ctx context.Context, t target) snapshot.AWSAccount {
	a := snapshot.AWSAccount{AccountID: t.id, Name: t.name, Partition: c.partition}
	if t.member {
		// Assume the role once up front: when it is denied nothing can be
		// collected, the error is recorded and every field stays nil ("not
		// collected"). The credentials cache refreshes it in long scans.
		if _, err := t.cfg.Credentials.Retrieve(ctx); err != nil {
			c.rec.failAs(t.id, "", "sts", "AssumeRole", err)
			return a
		}
	}
	c.iam(ctx, t.cfg, &a)
	a.S3PublicAccessBlock = c.publicAccessBlock(ctx, t.cfg, t.id)
	a.Budgets = c.budgets(ctx, t.cfg, t.id)
	regions := c.regions(ctx, t.cfg, t.id)
	a.Trails = c.trails(ctx, t.cfg, t.id, regions)
	a.Regions = c.regional(ctx, t.cfg, t.id, regions)
	return a
}

// publicAccessBlock reads the account-level S3 Block Public Access. None
// configured (NoSuchPublicAccessBlockConfiguration) is an answer, not an
// error: the account has no block.
func (c *collection) publicAccessBlock(ctx context.Context, cfg aws.Config, account string) *snapshot.PublicAccessBlock {
	out, err := awsclient.S3Control(cfg, cfg.Region).GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(account)})
	if err != nil {
		if errorCode(err) != "NoSuchPublicAccessBlockConfiguration" {
			c.rec.fail(account, "", err)
		}
		return nil
	}
	p := out.PublicAccessBlockConfiguration
	if p == nil {
		return nil
	}
	return &snapshot.PublicAccessBlock{
		BlockPublicACLs:       aws.ToBool(p.BlockPublicAcls),
		IgnorePublicACLs:      aws.ToBool(p.IgnorePublicAcls),
		BlockPublicPolicy:     aws.ToBool(p.BlockPublicPolicy),
		RestrictPublicBuckets: aws.ToBool(p.RestrictPublicBuckets),
	}
}

// budgets lists the account's budgets (one call per page).
func (c *collection) budgets(ctx context.Context, cfg aws.Config, account string) []snapshot.Budget {
	out := []snapshot.Budget{}
	p := budgets.NewDescribeBudgetsPaginator(budgets.NewFromConfig(cfg), &budgets.DescribeBudgetsInput{AccountId: aws.String(account)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			c.rec.fail(account, "", err)
			return nil
		}
		for _, b := range page.Budgets {
			sb := snapshot.Budget{Name: aws.ToString(b.BudgetName), Type: string(b.BudgetType)}
			if b.BudgetLimit != nil {
				sb.LimitAmount = aws.ToString(b.BudgetLimit.Amount)
				sb.LimitUnit = aws.ToString(b.BudgetLimit.Unit)
			}
			out = append(out, sb)
		}
	}
	return out
}

// isCode reports whether err carries one of the given AWS error codes.
func isCode(err error, codes ...string) bool {
	if err == nil {
		return false
	}
	code := errorCode(err)
	for _, c := range codes {
		if code == c {
			return true
		}
	}
	return false
}

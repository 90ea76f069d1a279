package aws

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/rampart-sec/rampart/snapshot"
)

// trails lists the account's trails once. DescribeTrails runs in every
// region with shadow trails included, so a multi-region trail (or an
// organization trail) is seen wherever it applies; the lists are merged by
// ARN. Status and event selectors are then read once per trail, in its home
// region. When DescribeTrails failed in every region the result is nil;
// when it failed in some, their errors are recorded and the merged list of
// the others is kept (a multi-region trail shows in all regions).
func (c *collection) trails(ctx context.Context, cfg aws.Config, account string, regions []string) []snapshot.Trail {
	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		byARN  = map[string]types.Trail{}
		failed = 0
		sem    = make(chan struct{}, c.opts.RegionParallel)
	)
	for _, region := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out, err := cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) { o.Region = region }).
				DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(true)})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				c.rec.fail(account, region, err)
				return
			}
			for _, t := range out.TrailList {
				byARN[aws.ToString(t.TrailARN)] = t
			}
		}()
	}
	wg.Wait()
	if len(regions) > 0 && failed == len(regions) {
		return nil
	}
	out := make([]snapshot.Trail, 0, len(byARN))
	for _, t := range byARN {
		out = append(out, snapshot.Trail{
			Name:                   aws.ToString(t.Name),
			ARN:                    aws.ToString(t.TrailARN),
			HomeRegion:             aws.ToString(t.HomeRegion),
			MultiRegion:            aws.ToBool(t.IsMultiRegionTrail),
			OrganizationTrail:      aws.ToBool(t.IsOrganizationTrail),
			IncludeGlobalEvents:    aws.ToBool(t.IncludeGlobalServiceEvents),
			LogFileValidation:      aws.ToBool(t.LogFileValidationEnabled),
			KMSKeyID:               aws.ToString(t.KmsKeyId),
			S3Bucket:               aws.ToString(t.S3BucketName),
			CloudWatchLogsGroupARN: aws.ToString(t.CloudWatchLogsLogGroupArn),
		})
	}
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c.trailDetails(ctx, cfg, account, &out[i])
		}()
	}
	wg.Wait()
	return out
}

// trailDetails reads a trail's logging status and event selectors in its
// home region. Either left nil means "not collected" (the error is
// recorded).
func (c *collection) trailDetails(ctx context.Context, cfg aws.Config, account string, t *snapshot.Trail) {
	client := cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) {
		if t.HomeRegion != "" {
			o.Region = t.HomeRegion
		}
	})
	st, err := client.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(t.ARN)})
	if err != nil {
		c.rec.failResource(account, t.HomeRegion, t.ARN, err)
	} else {
		t.IsLogging = aws.Bool(aws.ToBool(st.IsLogging))
	}
	sel, err := client.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(t.ARN)})
	if err != nil {
		c.rec.failResource(account, t.HomeRegion, t.ARN, err)
		return
	}
	t.EventSelectors = mustJSON(nonNil(sel.EventSelectors))
	t.AdvancedEventSelectors = mustJSON(nonNil(sel.AdvancedEventSelectors))
}

// mustJSON marshals SDK output shapes, whose field names are the API's own
// (ReadWriteType, IncludeManagementEvents, ...). They are plain data and
// always marshal.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

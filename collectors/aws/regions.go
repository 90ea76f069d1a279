package aws

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"

	"github.com/rampart-sec/rampart/snapshot"
)

// regions returns the regions to collect: the enabled ones (DescribeRegions
// lists only opted-in regions unless asked for all), restricted to
// Options.Regions. A requested region that is not enabled is recorded as an
// error rather than silently skipped. When DescribeRegions itself fails the
// error is recorded and the requested regions (or the configured one) are
// collected, so regional controls see both the data and the hole.
func (c *collection) regions(ctx context.Context, cfg aws.Config, account string) []string {
	out, err := ec2.NewFromConfig(cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		c.rec.fail(account, "", err)
		if len(c.opts.Regions) > 0 {
			return sortedUnique(c.opts.Regions)
		}
		return []string{cfg.Region}
	}
	enabled := map[string]bool{}
	for _, r := range out.Regions {
		enabled[aws.ToString(r.RegionName)] = true
	}
	if len(c.opts.Regions) == 0 {
		var all []string
		for r := range enabled {
			all = append(all, r)
		}
		return sortedUnique(all)
	}
	var regions []string
	for _, r := range sortedUnique(c.opts.Regions) {
		if enabled[r] {
			regions = append(regions, r)
			continue
		}
		c.rec.add(snapshot.CollectionError{
			Account: account, Region: r, Service: "ec2", Operation: "DescribeRegions", Code: CodeRegionNotEnabled,
			Message: "region " + r + " was asked for but is not enabled in the account (or is denied)",
		})
	}
	return regions
}

func sortedUnique(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// regional collects every region concurrently, at most
// Options.RegionParallel at a time.
func (c *collection) regional(ctx context.Context, cfg aws.Config, account string, regions []string) []snapshot.AWSRegion {
	out := make([]snapshot.AWSRegion, len(regions))
	c.opts.Meter.AddParts(len(regions))
	sem := make(chan struct{}, c.opts.RegionParallel)
	var wg sync.WaitGroup
	for i, r := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = c.region(ctx, cfg, account, r)
			c.opts.Meter.PartDone()
			c.report("account %s region %s done", account, r)
		}()
	}
	wg.Wait()
	return out
}

// region collects the regional services of one region. Each service fails
// on its own: an AccessDenied on GuardDuty leaves the other services'
// data in place.
func (c *collection) region(ctx context.Context, cfg aws.Config, account, region string) snapshot.AWSRegion {
	cfg = cfg.Copy()
	cfg.Region = region
	r := snapshot.AWSRegion{Name: region}
	fail := func(err error) { c.rec.fail(account, region, err) }
	var err error
	if r.GuardDutyDetectors, err = guardDutyDetectors(ctx, guardduty.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.ConfigRecorders, err = configRecorders(ctx, configservice.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.AccessAnalyzers, err = accessAnalyzers(ctx, accessanalyzer.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.SecurityHub, err = securityHub(ctx, securityhub.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.MetricFilters, err = metricFilters(ctx, cloudwatchlogs.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.Alarms, err = alarms(ctx, cloudwatch.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.Instances, err = instances(ctx, ec2.NewFromConfig(cfg), c.partition, account, region); err != nil {
		fail(err)
	}
	if r.LambdaFunctions, err = lambdaFunctions(ctx, lambda.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.Stacks, err = stacks(ctx, cloudformation.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	if r.CodeBuildProjects, err = codeBuildProjects(ctx, codebuild.NewFromConfig(cfg)); err != nil {
		fail(err)
	}
	return r
}

func guardDutyDetectors(ctx context.Context, client *guardduty.Client) ([]snapshot.GuardDutyDetector, error) {
	out := []snapshot.GuardDutyDetector{}
	p := guardduty.NewListDetectorsPaginator(client, &guardduty.ListDetectorsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range page.DetectorIds {
			d, err := client.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(id)})
			if err != nil {
				return nil, err
			}
			out = append(out, snapshot.GuardDutyDetector{ID: id, Status: string(d.Status)})
		}
	}
	return out, nil
}

// configRecorders merges the recorders with their recording status.
func configRecorders(ctx context.Context, client *configservice.Client) ([]snapshot.ConfigRecorder, error) {
	recs, err := client.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return nil, err
	}
	out := []snapshot.ConfigRecorder{}
	if len(recs.ConfigurationRecorders) == 0 {
		return out, nil
	}
	st, err := client.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	if err != nil {
		return nil, err
	}
	status := map[string]int{}
	for i, s := range st.ConfigurationRecordersStatus {
		status[aws.ToString(s.Name)] = i
	}
	for _, r := range recs.ConfigurationRecorders {
		cr := snapshot.ConfigRecorder{Name: aws.ToString(r.Name)}
		if g := r.RecordingGroup; g != nil {
			cr.AllSupported = g.AllSupported
			cr.IncludeGlobalResourceTypes = g.IncludeGlobalResourceTypes
		}
		if i, ok := status[cr.Name]; ok {
			s := st.ConfigurationRecordersStatus[i]
			cr.Recording = s.Recording
			cr.LastStatus = string(s.LastStatus)
		}
		out = append(out, cr)
	}
	return out, nil
}

func accessAnalyzers(ctx context.Context, client *accessanalyzer.Client) ([]snapshot.AccessAnalyzer, error) {
	out := []snapshot.AccessAnalyzer{}
	p := accessanalyzer.NewListAnalyzersPaginator(client, &accessanalyzer.ListAnalyzersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Analyzers {
			out = append(out, snapshot.AccessAnalyzer{Name: aws.ToString(a.Name), ARN: aws.ToString(a.Arn), Type: string(a.Type), Status: string(a.Status)})
		}
	}
	return out, nil
}

// securityHub tells whether Security Hub is on. "Not subscribed" is the
// answer "off", not a failure.
func securityHub(ctx context.Context, client *securityhub.Client) (*snapshot.SecurityHub, error) {
	out, err := client.DescribeHub(ctx, &securityhub.DescribeHubInput{})
	if err != nil {
		if isCode(err, "InvalidAccessException") && containsFold(err.Error(), "not subscribed") {
			return &snapshot.SecurityHub{Enabled: false}, nil
		}
		return nil, err
	}
	h := &snapshot.SecurityHub{Enabled: true, HubARN: aws.ToString(out.HubArn)}
	if t, err := time.Parse(time.RFC3339, aws.ToString(out.SubscribedAt)); err == nil {
		t = t.UTC()
		h.SubscribedAt = &t
	}
	return h, nil
}

func metricFilters(ctx context.Context, client *cloudwatchlogs.Client) ([]snapshot.MetricFilter, error) {
	out := []snapshot.MetricFilter{}
	p := cloudwatchlogs.NewDescribeMetricFiltersPaginator(client, &cloudwatchlogs.DescribeMetricFiltersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, f := range page.MetricFilters {
			mf := snapshot.MetricFilter{
				Name: aws.ToString(f.FilterName), LogGroup: aws.ToString(f.LogGroupName),
				Pattern: aws.ToString(f.FilterPattern), MetricTransformations: []snapshot.MetricTransform{},
			}
			for _, t := range f.MetricTransformations {
				mf.MetricTransformations = append(mf.MetricTransformations, snapshot.MetricTransform{MetricName: aws.ToString(t.MetricName), MetricNamespace: aws.ToString(t.MetricNamespace)})
			}
			out = append(out, mf)
		}
	}
	return out, nil
}

func alarms(ctx context.Context, client *cloudwatch.Client) ([]snapshot.MetricAlarm, error) {
	out := []snapshot.MetricAlarm{}
	p := cloudwatch.NewDescribeAlarmsPaginator(client, &cloudwatch.DescribeAlarmsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.MetricAlarms {
			out = append(out, snapshot.MetricAlarm{
				Name: aws.ToString(a.AlarmName), ARN: aws.ToString(a.AlarmArn),
				MetricName: aws.ToString(a.MetricName), Namespace: aws.ToString(a.Namespace),
				ActionsEnabled: aws.ToBool(a.ActionsEnabled), AlarmActions: nonNil(a.AlarmActions),
			})
		}
	}
	return out, nil
}

// instances keeps, of every instance, only its state and metadata options.
func instances(ctx context.Context, client *ec2.Client, partition, account, region string) ([]snapshot.EC2Instance, error) {
	out := []snapshot.EC2Instance{}
	p := ec2.NewDescribeInstancesPaginator(client, &ec2.DescribeInstancesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, res := range page.Reservations {
			for _, in := range res.Instances {
				id := aws.ToString(in.InstanceId)
				i := snapshot.EC2Instance{ID: id, ARN: "arn:" + partition + ":ec2:" + region + ":" + account + ":instance/" + id}
				if in.State != nil {
					i.State = string(in.State.Name)
				}
				if m := in.MetadataOptions; m != nil {
					i.HTTPTokens = string(m.HttpTokens)
					i.HTTPEndpoint = string(m.HttpEndpoint)
					i.HTTPPutResponseHopLimit = int(aws.ToInt32(m.HttpPutResponseHopLimit))
				}
				if in.IamInstanceProfile != nil {
					i.InstanceProfileARN = aws.ToString(in.IamInstanceProfile.Arn)
				}
				out = append(out, i)
			}
		}
	}
	return out, nil
}

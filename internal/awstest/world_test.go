package awstest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	etypes "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

// A create whose answer is lost after it took effect, or which is refused
// before it reaches moto, still leaves exactly the world the builder was
// asked for: one user, two keys, an enabled MFA device, one instance, one
// detector.
func TestLostAnswersDoNotChangeTheWorld(t *testing.T) {
	url := Need(t)
	p := NewProxy(t, url)
	var mu sync.Mutex
	seen := map[string]int{}
	// Every call meets Refuse first (the proxy asks it before LoseAnswer),
	// so Refuse counts the calls of each operation.
	p.Refuse = func(c Call) bool {
		mu.Lock()
		defer mu.Unlock()
		seen[c.Operation]++
		return c.Operation == "CreateAccessKey" && seen[c.Operation] == 1
	}
	p.LoseAnswer = func(c Call) bool {
		mu.Lock()
		defer mu.Unlock()
		switch c.Operation {
		case "CreateUser", "CreateVirtualMFADevice", "EnableMFADevice", "CreatePolicy", "RunInstances", "CreateDetector", "CreateStack":
			return seen[c.Operation] == 1 // named ones meet the SDK's retry
		case "CreateAccessKey":
			return seen[c.Operation] == 3 // refused, made, made with its answer lost
		}
		return false
	}

	b := NewBuilder(t, p.URL)
	b.User("u", false, true, 2)
	policy := b.ManagedPolicy("p", adminPolicy)
	instance := b.Instance("us-east-1", etypes.HttpTokensStateRequired, "")
	b.Detector("us-east-1")
	// A create of another service, through Created as tests without a
	// builder method do: CloudFormation's "already exists" code.
	_, err := cloudformation.NewFromConfig(b.Config("us-east-1")).CreateStack(context.Background(), &cloudformation.CreateStackInput{
		StackName: aws.String("s"), TemplateBody: aws.String(`{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}`)})
	b.Created(err, "CreateStack s")

	ctx := context.Background()
	c := iam.NewFromConfig(NewBuilder(t, url).cfg)
	stacks, err := cloudformation.NewFromConfig(b.Config("us-east-1")).ListStacks(ctx, &cloudformation.ListStacksInput{})
	if err != nil || len(stacks.StackSummaries) != 1 {
		t.Errorf("stacks = %v (%v), want one", stacks, err)
	}
	users, err := c.ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil || len(users.Users) != 1 {
		t.Errorf("users = %v (%v), want one", users, err)
	}
	keys, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("u")})
	if err != nil || len(keys.AccessKeyMetadata) != 2 {
		t.Errorf("access keys = %d (%v), want 2", len(keys.AccessKeyMetadata), err)
	}
	mfa, err := c.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("u")})
	if err != nil || len(mfa.MFADevices) != 1 || !strings.HasSuffix(aws.ToString(mfa.MFADevices[0].SerialNumber), ":mfa/u-mfa") {
		t.Errorf("MFA devices = %v (%v), want u-mfa enabled", mfa, err)
	}
	if want := "arn:aws:iam::" + Account + ":policy/p"; policy != want {
		t.Errorf("policy ARN = %q, want %q", policy, want)
	}
	ins, err := ec2.NewFromConfig(b.in("us-east-1")).DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	if err != nil || len(ins.Reservations) != 1 || aws.ToString(ins.Reservations[0].Instances[0].InstanceId) != instance {
		t.Errorf("instances = %v (%v), want only %s", ins, err, instance)
	}
	det, err := guardduty.NewFromConfig(b.in("us-east-1")).ListDetectors(ctx, &guardduty.ListDetectorsInput{})
	if err != nil || len(det.DetectorIds) != 1 {
		t.Errorf("detectors = %v (%v), want one", det, err)
	}
	// The faults happened: named creates were sent twice, the first access
	// key three times.
	want := map[string]int{"CreateUser": 2, "CreateVirtualMFADevice": 2, "EnableMFADevice": 2, "CreatePolicy": 2, "RunInstances": 1, "CreateDetector": 1, "CreateAccessKey": 3, "CreateStack": 2}
	for op, n := range want {
		if seen[op] != n {
			t.Errorf("%s went through the proxy %d times, want %d", op, seen[op], n)
		}
	}
}

package aws

import (
	"context"
	"fmt"
	"sort"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// Call is one API operation the collector may call, with the IAM action that
// authorises it ("" when none is needed, as for sts:GetCallerIdentity).
type Call struct {
	Service   string // rampart's service name, as in snapshot errors
	Operation string
	Action    string
}

// allowed is the read-only allowlist: every operation the collector calls.
// Principle 1 of the design: only List/Get/Describe/Generate calls (and
// BatchGet, a Get of many names at once), plus sts:AssumeRole to enter
// member accounts of an organization. The shipped
// iam-policy.json grants exactly these actions (a test keeps them in step),
// and a middleware refuses any other operation before it is sent.
var allowed = []Call{
	{"sts", "GetCallerIdentity", ""},
	{"sts", "AssumeRole", "sts:AssumeRole"},
	{"iam", "GenerateCredentialReport", "iam:GenerateCredentialReport"},
	{"iam", "GetCredentialReport", "iam:GetCredentialReport"},
	{"iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"},
	{"iam", "ListVirtualMFADevices", "iam:ListVirtualMFADevices"},
	{"iam", "GetAccountSummary", "iam:GetAccountSummary"},
	{"iam", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy"},
	{"iam", "ListSAMLProviders", "iam:ListSAMLProviders"},
	{"iam", "ListOpenIDConnectProviders", "iam:ListOpenIDConnectProviders"},
	{"iam", "GetOpenIDConnectProvider", "iam:GetOpenIDConnectProvider"},
	{"ec2", "DescribeRegions", "ec2:DescribeRegions"},
	{"ec2", "DescribeInstances", "ec2:DescribeInstances"},
	{"lambda", "ListFunctions", "lambda:ListFunctions"},
	{"cloudformation", "DescribeStacks", "cloudformation:DescribeStacks"},
	{"codebuild", "ListProjects", "codebuild:ListProjects"},
	{"codebuild", "BatchGetProjects", "codebuild:BatchGetProjects"},
	{"cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails"},
	{"cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus"},
	{"cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors"},
	{"guardduty", "ListDetectors", "guardduty:ListDetectors"},
	{"guardduty", "GetDetector", "guardduty:GetDetector"},
	{"config-service", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders"},
	{"config-service", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus"},
	{"accessanalyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers"},
	{"securityhub", "DescribeHub", "securityhub:DescribeHub"},
	{"cloudwatch-logs", "DescribeMetricFilters", "logs:DescribeMetricFilters"},
	{"cloudwatch", "DescribeAlarms", "cloudwatch:DescribeAlarms"},
	{"s3-control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock"},
	{"budgets", "DescribeBudgets", "budgets:ViewBudget"},
	{"organizations", "DescribeOrganization", "organizations:DescribeOrganization"},
	{"organizations", "ListAccounts", "organizations:ListAccounts"},
	{"organizations", "ListParents", "organizations:ListParents"},
	{"organizations", "ListPolicies", "organizations:ListPolicies"},
	{"organizations", "DescribePolicy", "organizations:DescribePolicy"},
	{"organizations", "ListTargetsForPolicy", "organizations:ListTargetsForPolicy"},
}

var allowedSet = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, c := range allowed {
		m[[2]string{c.Service, c.Operation}] = true
	}
	return m
}()

// AllowedCalls returns the read-only allowlist, sorted by service and
// operation.
func AllowedCalls() []Call {
	out := append([]Call(nil), allowed...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Service != out[j].Service {
			return out[i].Service < out[j].Service
		}
		return out[i].Operation < out[j].Operation
	})
	return out
}

// IsAllowed reports whether operation op of service (rampart's service
// name) is on the read-only allowlist.
func IsAllowed(service, op string) bool {
	return allowedSet[[2]string{service, op}]
}

// errNotAllowed is returned, before anything is sent, for an operation that
// is not on the allowlist: a programming error that must never reach AWS.
type errNotAllowed struct{ service, op string }

func (e errNotAllowed) Error() string {
	return fmt.Sprintf("rampart: %s:%s is not on the read-only allowlist", e.service, e.op)
}

// addAllowlistGuard is an APIOptions entry that refuses, in the Initialize
// step, every operation not on the allowlist. It makes principle 1 hold at
// run time, not only in tests.
func addAllowlistGuard(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("RampartReadOnlyGuard",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			svc := serviceSlug(awsmiddleware.GetServiceID(ctx))
			op := awsmiddleware.GetOperationName(ctx)
			if !IsAllowed(svc, op) {
				return middleware.InitializeOutput{}, middleware.Metadata{}, errNotAllowed{svc, op}
			}
			return next.HandleInitialize(ctx, in)
		}), middleware.After) // after the service metadata is registered
}

package aws

import (
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestHint(t *testing.T) {
	e := func(service, op, code, msg string) snapshot.CollectionError {
		return snapshot.CollectionError{Provider: "aws", Account: "111111111111", Region: "eu-west-1", Service: service, Operation: op, Code: code, Message: msg}
	}
	for _, tc := range []struct {
		name string
		err  snapshot.CollectionError
		want string
	}{
		{"denied: the action from the shipped policy", e("guardduty", "ListDetectors", "AccessDeniedException", "not authorized"),
			"grant guardduty:ListDetectors to the scanning role (it is in the read-only policy collectors/aws/iam-policy.json)"},
		{"an action named unlike its operation", e("s3-control", "GetPublicAccessBlock", "AccessDenied", ""),
			"grant s3:GetAccountPublicAccessBlock to the scanning role (it is in the read-only policy collectors/aws/iam-policy.json)"},
		{"explicit deny", e("ec2", "DescribeInstances", "UnauthorizedOperation", "with an explicit deny in a service control policy"),
			"an explicit deny (a service control policy or a permissions boundary) blocks ec2:DescribeInstances: exempt the scanning role from it"},
		{"region disabled", e("securityhub", "DescribeHub", "OptInRequired", ""),
			"region eu-west-1 is not enabled for account 111111111111: enable it (Account settings, AWS Regions) or leave it out with --regions"},
		{"not in the evidence", e("guardduty", "*", CodeNotInEvidence, ""),
			"the evidence files (--gaad authorization details, --credential-report) hold IAM principals, policies and credentials only: a live collection (rampart collect aws, with the policy in collectors/aws/iam-policy.json) brings the rest; until then its controls report ERROR"},
		{"server error", e("accessanalyzer", "ListAnalyzers", "HTTP500", ""),
			"the service failed on AWS's side: scan again; if it persists, check the AWS Health Dashboard"},
		{"not AWS answering", e("cloudwatch", "DescribeAlarms", "HTTP404", ""),
			"the endpoint answered HTTP404 without an AWS error code, as AWS does not: check AWS_ENDPOINT_URL and any proxy in between"},
		{"throttled", e("iam", "GetAccountAuthorizationDetails", "Throttling", ""),
			"AWS throttled the calls past the SDK's retries: scan again with a lower --parallel, or at a quieter time"},
		{"another provider", snapshot.CollectionError{Provider: "azure", Code: "AccessDenied"}, ""},
		{"a code with nothing to say", e("iam", "GetAccountSummary", "NoSuchEntity", ""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Hint(tc.err); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

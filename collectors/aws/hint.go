package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// policyFile is the read-only permission set rampart ships; every action
// of the allowlist is in it (a test keeps them in step).
const policyFile = "collectors/aws/iam-policy.json"

// Hint returns the next step for an AWS collection error: the permission
// to grant on AccessDenied (from the allowlist, which the shipped policy
// grants), the region to enable or leave out, which input would hold data
// the offline evidence lacks, what to do on throttling or a server error.
// It returns "" for errors of other providers and codes it has nothing to
// say about.
func Hint(e snapshot.CollectionError) string {
	if e.Provider != "aws" {
		return ""
	}
	switch code := e.Code; {
	case isDenied(code):
		return deniedHint(e)
	case code == "OptInRequired" || code == CodeRegionNotEnabled || code == "UnrecognizedClientException" && e.Region != "":
		return fmt.Sprintf("region %s is not enabled for account %s: enable it (Account settings, AWS Regions) or leave it out with --regions", orAll(e.Region), e.Account)
	case code == CodeNotInEvidence:
		return notInEvidenceHint(e)
	case code == CodeRootRowMissing:
		return "generate a fresh credential report (aws iam generate-credential-report) and collect again; emulators such as moto never write the root row"
	case code == CodeReportTimeout:
		return "IAM did not finish the credential report in time: scan again in a minute (IAM keeps the report for 4 hours)"
	case strings.Contains(code, "Throttl") || code == "RequestLimitExceeded" || code == "TooManyRequestsException":
		return "AWS throttled the calls past the SDK's retries: scan again with a lower --parallel, or at a quieter time"
	case strings.HasPrefix(code, "HTTP5") || code == "InternalFailure" || code == "ServiceUnavailable" || code == "InternalError":
		return "the service failed on AWS's side: scan again; if it persists, check the AWS Health Dashboard"
	case code == "RequestTimeout" || code == "ConnectionError" || code == "RequestError":
		return "the call did not reach AWS or got no answer: check the network path (proxy, VPC endpoint, AWS_ENDPOINT_URL) to " + e.Service + " in " + orAll(e.Region)
	case strings.HasPrefix(code, "HTTP4"):
		return "the endpoint answered " + code + " without an AWS error code, as AWS does not: check AWS_ENDPOINT_URL and any proxy in between"
	case code == "SubscriptionRequiredException" || code == "InvalidAccessException":
		return e.Service + " is not enabled in " + orAll(e.Region) + ": the controls that need it report ERROR until it is"
	}
	return ""
}

func isDenied(code string) bool {
	switch code {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException",
		"UnauthorizedAccess", "AccessDeniedFault", "Forbidden":
		return true
	}
	return strings.HasPrefix(code, "AccessDenied")
}

// deniedHint names the IAM actions the failed call needs, as the shipped
// policy grants them; an explicit deny is an SCP or a boundary, not a
// missing grant.
func deniedHint(e snapshot.CollectionError) string {
	actions := actionsFor(e.Service, e.Operation)
	if len(actions) == 0 {
		return fmt.Sprintf("the role was denied %s %s: grant the read-only policy in %s", e.Service, e.Operation, policyFile)
	}
	need := strings.Join(actions, ", ")
	if strings.Contains(strings.ToLower(e.Message), "explicit deny") {
		return fmt.Sprintf("an explicit deny (a service control policy or a permissions boundary) blocks %s: exempt the scanning role from it", need)
	}
	return fmt.Sprintf("grant %s to the scanning role (it is in the read-only policy %s)", need, policyFile)
}

// notInEvidenceHint says what the offline evidence lacks and where the
// data would come from.
func notInEvidenceHint(snapshot.CollectionError) string {
	return "the evidence files (--gaad authorization details, --credential-report) hold IAM principals, policies and credentials only: " +
		"a live collection (rampart collect aws, with the policy in " + policyFile + ") brings the rest; until then its controls report ERROR"
}

// actionsFor lists the IAM actions of the allowlist for a service and
// operation ("*": every operation of the service), sorted.
func actionsFor(service, op string) []string {
	var out []string
	for _, c := range allowed {
		if c.Service == service && (op == "*" || op == c.Operation) && c.Action != "" {
			out = append(out, c.Action)
		}
	}
	sort.Strings(out)
	return out
}

func orAll(region string) string {
	if region == "" {
		return "every region"
	}
	return region
}

package aws

import (
	"encoding/json"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"net/http"
)

func TestClassify(t *testing.T) {
	opErr := func(svc, op string, err error) error {
		return &smithy.OperationError{ServiceID: svc, OperationName: op, Err: err}
	}
	tests := []struct {
		name                   string
		err                    error
		service, op, code, msg string
	}{
		{"api error", opErr("GuardDuty", "ListDetectors", &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no"}),
			"guardduty", "ListDetectors", "AccessDeniedException", "no"},
		{"service id with spaces", opErr("Config Service", "DescribeConfigurationRecorders", &smithy.GenericAPIError{Code: "Throttling"}),
			"config-service", "DescribeConfigurationRecorders", "Throttling", "Throttling"},
		{"cloudwatch logs", opErr("CloudWatch Logs", "DescribeMetricFilters", &smithy.GenericAPIError{Code: "X", Message: "m"}),
			"cloudwatch-logs", "DescribeMetricFilters", "X", "m"},
		{"http status only", opErr("S3 Control", "GetPublicAccessBlock", &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 503}}, Err: errors.New("boom")}}),
			"s3-control", "GetPublicAccessBlock", "HTTP503", "HTTP status 503 without an AWS error code"},
		{"timeout", opErr("EC2", "DescribeInstances", context_DeadlineExceeded()), "ec2", "DescribeInstances", "RequestTimeout", "the call did not complete in time"},
		{"transport", opErr("IAM", "GetAccountSummary", errors.New("connection refused")), "iam", "GetAccountSummary", "RequestError", "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, o, c, m := classify(tt.err)
			if s != tt.service || o != tt.op || c != tt.code || m != tt.msg {
				t.Errorf("classify = %q %q %q %q", s, o, c, m)
			}
		})
	}
}

func TestCredentialReport(t *testing.T) {
	csv, err := os.ReadFile("testdata/credential-report.csv")
	if err != nil {
		t.Fatal(err)
	}
	b64, err := os.ReadFile("testdata/credential-report.b64")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"csv": csv, "base64": b64, "cli json": []byte(`{"Content": "` + strings.Join(strings.Fields(string(b64)), "") + `", "ReportFormat": "text/csv"}`)} {
		t.Run(name, func(t *testing.T) {
			rep, err := parseCredentialReport(data)
			if err != nil {
				t.Fatal(err)
			}
			if rep.root == nil || len(rep.byARN) != 3 {
				t.Fatalf("root %v, %d users", rep.root, len(rep.byARN))
			}
			root := rootFromReport(rep.root, "", mfaDevices{})
			if !root.MFAActive || len(root.MFADevices) != 1 || root.MFADevices[0].Type != "hardware" || root.PasswordEnabled != nil || root.PasswordLastUsed == nil || root.ActiveAccessKeys != 0 {
				t.Errorf("root: %+v", root)
			}
			keys := rep.byARN["arn:aws:iam::111111111111:user/ops"].accessKeys()
			if len(keys) != 2 || !keys[0].Active || keys[1].Active || keys[0].LastUsedSvc != "s3" || keys[1].LastUsed != nil {
				t.Errorf("ops keys: %+v", keys)
			}
			if k := rep.byARN["arn:aws:iam::111111111111:user/console-only"].accessKeys(); len(k) != 0 {
				t.Errorf("console-only has keys %+v", k)
			}
		})
	}
	for name, bad := range map[string]string{
		"not a report":   "hello world",
		"missing column": "user,arn\nx,y\n",
		"short row":      "user,arn,mfa_active,password_enabled\nx,y\n",
	} {
		if _, err := parseCredentialReport([]byte(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Virtual devices come from ListVirtualMFADevices; MFA the report shows
// with no virtual device is inferred hardware; unknown devices stay nil.
func TestMFADevices(t *testing.T) {
	m := mfaDevices{"arn:u/a": {"arn:mfa/a"}}
	if d := m.devices("arn:u/a", true); len(d) != 1 || d[0].Type != "virtual" {
		t.Errorf("virtual: %+v", d)
	}
	if d := m.devices("arn:u/b", true); len(d) != 1 || d[0].Type != "hardware" || d[0].Serial != "" {
		t.Errorf("hardware: %+v", d)
	}
	if d := m.devices("arn:u/c", false); d == nil || len(d) != 0 {
		t.Errorf("none: %+v", d)
	}
	if d := mfaDevices(nil).devices("arn:u/a", true); d != nil {
		t.Errorf("unknown must be nil: %+v", d)
	}
	if d := mfaDevices(nil).devices("arn:u/a", false); d == nil || len(d) != 0 {
		t.Errorf("no MFA means no devices, known or not: %+v", d)
	}
}

// The shipped permission policy grants exactly the allowlist's actions.
func TestPermissionPolicyMatchesAllowlist(t *testing.T) {
	data, err := os.ReadFile("iam-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var pol struct {
		Statement []struct {
			Effect string
			Action []string
		}
	}
	if err := json.Unmarshal(data, &pol); err != nil {
		t.Fatal(err)
	}
	var granted, want []string
	for _, s := range pol.Statement {
		if s.Effect != "Allow" {
			t.Errorf("statement effect %q", s.Effect)
		}
		granted = append(granted, s.Action...)
	}
	for _, c := range AllowedCalls() {
		if c.Action != "" {
			want = append(want, c.Action)
		}
		verb := strings.TrimLeft(c.Operation, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		verb = c.Operation[:len(c.Operation)-len(verb)]
		switch {
		case strings.HasPrefix(c.Operation, "List"), strings.HasPrefix(c.Operation, "Get"),
			strings.HasPrefix(c.Operation, "Describe"), strings.HasPrefix(c.Operation, "Generate"),
			c.Service == "sts" && c.Operation == "AssumeRole":
		default:
			t.Errorf("%s:%s is not a read-only verb (%s)", c.Service, c.Operation, verb)
		}
	}
	sort.Strings(granted)
	sort.Strings(want)
	if strings.Join(granted, ",") != strings.Join(want, ",") {
		t.Errorf("iam-policy.json grants\n %v\nthe allowlist needs\n %v", granted, want)
	}
}

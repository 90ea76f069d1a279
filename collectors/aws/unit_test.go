package aws

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/rampart-sec/rampart/snapshot"
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
		{"other error", opErr("IAM", "GetAccountSummary", errors.New("deserialization failed")), "iam", "GetAccountSummary", "RequestError", "deserialization failed"},
		// No response at all is a connection error, not "HTTP status 0".
		{"no response", opErr("IAM", "GetAccountSummary", &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{}},
			Err: &smithyhttp.RequestSendError{Err: &url.Error{Op: "Post", URL: "http://127.0.0.1:1", Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}}}}),
			"iam", "GetAccountSummary", "ConnectionError", "no response from the endpoint: dial tcp 127.0.0.1:1: connect: connection refused"},
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

// A dead or wrong endpoint stops the collection at the identity call,
// with a hint, instead of minutes of retries and a snapshot of errors.
func TestDeadEndpointStopsAtIdentity(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	opts := testOptions(dead)
	_, err = Collect(context.Background(), opts)
	if err == nil {
		t.Fatal("collection against a closed port succeeded")
	}
	for _, want := range []string{"sts:GetCallerIdentity", "ConnectionError", "connection refused", "AWS_ENDPOINT_URL", "aws sso login"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestTransportFailuresInOneLine(t *testing.T) {
	conn := func(account, op, msg string) snapshot.CollectionError {
		return snapshot.CollectionError{Account: account, Service: "iam", Operation: op, Code: CodeConnection, Message: msg}
	}
	errs := []snapshot.CollectionError{
		conn("111111111111", "A", "no response: refused"), conn("111111111111", "B", "no response: refused"),
		conn("222222222222", "A", "no response: refused"), conn("222222222222", "B", "no response: reset"),
		conn("333333333333", "A", "no response: refused"), {Account: "333333333333", Code: "AccessDenied"},
	}
	got := transportFailures(errs)
	want := "aws: account 111111111111: all 2 failed calls got no response (no response: refused): check network access and AWS_ENDPOINT_URL"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want only %q (differing reasons and AWS answers are left to the errors)", got, want)
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
	header, _, _ := strings.Cut(string(csv), "\n")
	without := func(cols ...string) string {
		var kept []string
		for _, c := range strings.Split(header, ",") {
			if !slices.Contains(cols, c) {
				kept = append(kept, c)
			}
		}
		return strings.Join(kept, ",") + "\n"
	}
	for _, tc := range []struct{ name, data, want string }{
		{"not a report", "hello world", "neither CSV"},
		{"only four columns", "user,arn,mfa_active,password_enabled\nx,y,true,true\n", "column user_creation_time, password_last_used"},
		// Without them, a long-lived key or a recent root login would
		// read as absent: a FAIL turned PASS.
		{"no access key columns", without("access_key_1_active", "access_key_2_active"), "column access_key_1_active, access_key_2_active missing"},
		{"no password_last_used", without("password_last_used"), "column password_last_used missing"},
		{"short row", header + "\nx,y\n", "line 2: 2 fields, header has"},
	} {
		if _, err := parseCredentialReport([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
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
		// BatchGet is Get of up to 100 names in one call (CodeBuild has
		// no other way to read a project's role).
		case strings.HasPrefix(c.Operation, "List"), strings.HasPrefix(c.Operation, "Get"), strings.HasPrefix(c.Operation, "BatchGet"),
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

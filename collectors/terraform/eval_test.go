package terraform_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// These tests evaluate the mapped plans with the built-in controls, so
// they pin what a user sees for each plan: a golden list of every result
// (testdata/NAME.results.txt, -update) and, below, the expectations that
// motivate each plan, spelled out.

func builtinEngine(t testing.TB) *policies.Engine { return enginetest.Builtin(t) }

func evaluate(t testing.TB, s *snapshot.Snapshot) []results.Result {
	t.Helper()
	in, err := policies.NewInput(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := builtinEngine(t).Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func resultLines(rs []results.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%-5s %s %s | %s\n", r.Status, r.Control, r.Resource, r.Message)
	}
	return b.String()
}

func TestResultsGolden(t *testing.T) {
	for _, name := range plans {
		t.Run(name, func(t *testing.T) {
			got := resultLines(evaluate(t, mapFile(t, name)))
			testutil.Golden(t, filepath.Join("testdata", name+".results.txt"), []byte(got))
		})
	}
}

type verdicts []results.Result

func (v verdicts) find(control, resource string) *results.Result {
	for i := range v {
		if v[i].Control == control && v[i].Resource == resource {
			return &v[i]
		}
	}
	return nil
}

// expect asserts the status of control on resource, and that the message
// contains want (when given).
func (v verdicts) expect(t *testing.T, control, resource string, status results.Status, want string) {
	t.Helper()
	r := v.find(control, resource)
	switch {
	case r == nil:
		t.Errorf("%s on %s: no result, want %s", control, resource, status)
	case r.Status != status:
		t.Errorf("%s on %s: %s (%s), want %s", control, resource, r.Status, r.Message, status)
	case !strings.Contains(r.Message, want):
		t.Errorf("%s on %s: message %q lacks %q", control, resource, r.Message, want)
	}
}

// none asserts that no result of control has one of the statuses.
func (v verdicts) none(t *testing.T, control string, statuses ...results.Status) {
	t.Helper()
	for _, r := range v {
		if r.Control == control && slices.Contains(statuses, r.Status) {
			t.Errorf("unexpected %s %s on %s: %s", r.Status, control, r.Resource, r.Message)
		}
	}
}

func plan(t *testing.T, name string) verdicts { return evaluate(t, mapFile(t, name)) }

// regula's admin-policy plan: the Allow */* inline policies of the user,
// group and role make their principals FAIL; the ec2:Describe* twins and
// the Deny */* policy grant nothing. The fourth */* policy
// (aws_iam_policy.invalid_policy) is attached to nobody: no principal, no
// finding.
func TestRegulaAdminPolicy(t *testing.T) {
	v := plan(t, "regula_admin_policy")
	for _, p := range []string{"aws_iam_user.my_test_user", "aws_iam_group.my_group", "aws_iam_role.my_test_role"} {
		v.expect(t, "aws-admin-policy-attached", p, results.Fail, "full administrator access")
		// Only the */* policy grants admin, not its ec2:Describe* twin.
		if r := v.find("aws-admin-policy-attached", p); r != nil {
			grants, _ := r.Evidence["admin_grants"].([]any)
			if len(grants) != 1 || !strings.Contains(fmt.Sprint(grants[0]), "inline invalid_") {
				t.Errorf("%s: admin grants %v", p, grants)
			}
		}
	}
	for _, r := range v {
		if strings.HasPrefix(r.Resource, "aws_iam_policy.") {
			t.Errorf("a policy itself was judged, not its principals: %+v", r)
		}
	}
	v.expect(t, "aws-user-direct-policies", "aws_iam_user.my_test_user", results.Fail, "2 inline")
}

// regula's user-attached-policy plan: policies attached directly to users
// (inline, user attachment, policy attachment) fail CIS 1.15; users that
// get them through groups (blank, empty or missing users lists) pass.
func TestRegulaUserAttachedPolicy(t *testing.T) {
	v := plan(t, "regula_user_attached_policy")
	for _, u := range []string{"invalid_normal_policy_user", "invalid_user_policy_attachment_user", "invalid_user_policy_user"} {
		v.expect(t, "aws-user-direct-policies", "aws_iam_user."+u, results.Fail, "")
	}
	for _, u := range []string{"valid_group_blank_user", "valid_group_empty_list_user", "valid_group_missing_user"} {
		v.expect(t, "aws-user-direct-policies", "aws_iam_user."+u, results.Pass, "through groups")
	}
	v.none(t, "aws-admin-policy-attached", results.Fail, results.Error)
}

// checkov's GitHub-OIDC plan: four for_each roles in module.poc whose
// trust policy is computed at apply. Every trust control says ERROR
// "unknown until apply" — never PASS; their permissions (s3:ListBucket)
// are known, so admin and escalation are judged.
func TestCheckovGithubOIDCUnknownTrust(t *testing.T) {
	v := plan(t, "checkov_github_oidc")
	trust := []string{"aws-oidc-trust-unrestricted", "aws-trust-wildcard-principal", "aws-cross-account-trust", "aws-cross-account-no-external-id"}
	for _, role := range []string{`module.poc.aws_iam_role.r1["p1"]`, `module.poc.aws_iam_role.r1["p2"]`, `module.poc.aws_iam_role.r6["p1"]`, `module.poc.aws_iam_role.r6["p2"]`} {
		for _, c := range trust {
			v.expect(t, c, role, results.Error, "assume_role_policy of "+role+" is unknown until apply")
		}
		v.expect(t, "aws-admin-policy-attached", role, results.Pass, "no full administrator grant")
		v.expect(t, "aws-privilege-escalation", role, results.Pass, "no known privilege-escalation path")
	}
	for _, r := range v {
		if r.Status == results.Pass && slices.Contains(trust, r.Control) {
			t.Errorf("PASS of %s on a role whose trust is unknown: %s", r.Control, r.Resource)
		}
	}
}

// regula's password-length plan declares three password policies (min 4,
// 6 and 8, all below 14). An account has one; the weakest is judged.
func TestRegulaPasswordLength(t *testing.T) {
	v := plan(t, "regula_password_length")
	v.expect(t, "aws-password-policy", "aws_iam_account_password_policy.invalid_1", results.Fail, "minimum length 4 is below 14")
}

// regula's azurerm plan holds storage accounts, a network and a resource
// group: none is a type the Azure or GCP mapping reads, so it is parsed, maps to
// no Azure section, and gives exactly no result (not an error, and no
// absence reported for what it does not declare).
func TestAzurermPlan(t *testing.T) {
	if v := plan(t, "regula_azurerm_storage"); len(v) != 0 {
		t.Errorf("%d results on an Azure plan:\n%s", len(v), resultLines(v))
	}
}

// checkov's iam-policies plan: iam:* on * in inline policies.
func TestCheckovIAMPolicies(t *testing.T) {
	v := plan(t, "checkov_iam_policies")
	v.expect(t, "aws-privilege-escalation", "aws_iam_user.fail_3", results.Fail, "can escalate")
	v.expect(t, "aws-privilege-escalation", "aws_iam_role.example", results.Fail, "can escalate")
	v.none(t, "aws-admin-policy-attached", results.Fail)
}

// TerraGoat: an access key for a new user; EC2 metadata options left to
// the provider are unknown until apply.
func TestCheckovTerragoat(t *testing.T) {
	v := plan(t, "checkov_terragoat")
	v.expect(t, "aws-long-lived-access-keys", "aws_iam_user.user", results.Fail, "access key")
	v.expect(t, "aws-imdsv2-required", "aws_instance.web_host", results.Error, "metadata_options of aws_instance.web_host is unknown until apply")
	v.expect(t, "aws-imdsv2-required", "aws_instance.db_app", results.Error, "unknown until apply")
}

// The synthetic plan covers what no real plan has.
func TestSyntheticGuardrails(t *testing.T) {
	v := plan(t, "synthetic_guardrails")
	const acct = "arn:aws:iam::111111111111:root"
	// Cross-account trust, judged against the provider's allowed account.
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.vendor", results.Fail, "999999999999")
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.self", results.Pass, "")
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.wild", results.Fail, "any AWS account")
	v.expect(t, "aws-cross-account-no-external-id", "aws_iam_role.vendor", results.Fail, "sts:ExternalId")
	v.expect(t, "aws-cross-account-no-external-id", "aws_iam_role.partner", results.Pass, "")
	v.expect(t, "aws-trust-wildcard-principal", "aws_iam_role.wild", results.Fail, "")
	// OIDC roles of a for_each module instance.
	v.expect(t, "aws-oidc-trust-unrestricted", `module.ci.aws_iam_role.deploy["dev"]`, results.Fail, "")
	v.expect(t, "aws-oidc-trust-unrestricted", `module.ci.aws_iam_role.deploy["prod"]`, results.Pass, "")
	// AdministratorAccess attached by ARN.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.self", results.Fail, "full administrator access")
	// A document that is not JSON: ERROR naming it, not a crash.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.ci", results.Error, "policy of aws_iam_policy.broken is not JSON")
	// A count instance whose document is unknown, attached by count.index.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_group.ops", results.Error, "policy of aws_iam_policy.tmpl[1] is unknown until apply")
	// GuardDuty per provider region.
	var gd []string
	for _, r := range v {
		if r.Control == "aws-guardduty-enabled" && r.Resource == acct {
			gd = append(gd, string(r.Status)+" "+r.Region)
		}
	}
	slices.Sort(gd)
	if strings.Join(gd, ",") != "FAIL eu-west-1,PASS us-east-1" {
		t.Errorf("guardduty: %v", gd)
	}
	// IMDS.
	v.expect(t, "aws-imdsv2-required", "aws_instance.legacy", results.Fail, "IMDSv1")
	v.expect(t, "aws-imdsv2-required", "aws_instance.hardened", results.Pass, "")
	v.expect(t, "aws-imdsv2-required", "aws_launch_template.workers", results.Pass, "")
	v.expect(t, "aws-imdsv2-required", "aws_instance.defaults", results.Error, "unknown until apply")
	// Keys of a user the plan creates.
	v.expect(t, "aws-long-lived-access-keys", "aws_iam_user.ci", results.Fail, "")
	// Account-wide settings the plan does not manage are not evaluated:
	// absence from a plan proves nothing, so no FAIL (and no ERROR noise).
	for _, c := range []string{"aws-password-policy", "aws-s3-account-public-access-block", "aws-billing-alarm", "aws-cloudtrail-enabled", "aws-access-analyzer-enabled"} {
		if r := v.find(c, acct); r != nil {
			t.Errorf("%s reported on a plan that does not manage it: %s %s", c, r.Status, r.Message)
		}
	}
	// Deleted resources are not evaluated.
	for _, r := range v {
		if r.Resource == "aws_iam_role.gone" {
			t.Errorf("a role being deleted was evaluated: %s", r.Control)
		}
	}
}

// Own account unknown: cross-account trust cannot be decided for a role
// trusting an AWS principal; a service role is unaffected.
func TestUnknownOwnAccount(t *testing.T) {
	v := plan(t, "synthetic_unknown_account")
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.vendor", results.Error, "own AWS account of aws_iam_role.vendor is unknown")
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.lambda", results.Pass, "")
	v.expect(t, "aws-trust-wildcard-principal", "aws_iam_role.vendor", results.Pass, "")
}

// Trails are judged per trail, in the plan's account (they are named by
// address, having no ARN yet). The plan's single-region trails do not
// make aws-cloudtrail-enabled FAIL: a multi-region trail may exist outside
// the plan, so absence is not evaluated.
func TestRegulaCloudTrailLogValidation(t *testing.T) {
	v := plan(t, "regula_cloudtrail_log_validation")
	for _, r := range v {
		if r.Control == "aws-cloudtrail-enabled" {
			t.Errorf("aws-cloudtrail-enabled reported on a plan without a covering trail: %s %s", r.Status, r.Message)
		}
	}
	v.expect(t, "aws-cloudtrail-log-validation", "aws_cloudtrail.invalid_trail", results.Fail, "log file validation off")
	v.expect(t, "aws-cloudtrail-log-validation", "aws_cloudtrail.valid_trail", results.Pass, "")
}

// The synthetic plan of references: what an attachment, membership or
// inline policy points at is resolved through the plan (a literal ARN of
// a planned policy, a reference to an unknown id or name), and a value
// unknown until apply makes ERROR only the controls that read it.
func TestSyntheticPlanRefs(t *testing.T) {
	v := plan(t, "synthetic_plan_refs")
	// Allow *:* attached by the literal ARN of the planned policy
	// (path /team/): a FAIL, never an ERROR a gate lets through.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.dev", results.Fail, "full administrator access")
	// A literal ARN of a planned read-only policy, attached to a role
	// named by its unknown id.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.app", results.Pass, "")
	v.expect(t, "aws-privilege-escalation", "aws_iam_role.app", results.Pass, "")
	// Another account's policy of the same path and name is not the
	// planned one: IAM attaches only the own account's policies.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.auditor", results.Error, "arn:aws:iam::999999999999:policy/team/everything: not in the snapshot's managed policies")
	// Roles whose trust policy is unknown until apply: the four trust
	// controls say so, the permission controls judge the known policies.
	for _, role := range []string{"aws_iam_role.ci", "aws_iam_role.breakglass", "aws_iam_role.reader"} {
		for _, c := range []string{"aws-oidc-trust-unrestricted", "aws-trust-wildcard-principal", "aws-cross-account-trust", "aws-cross-account-no-external-id"} {
			v.expect(t, c, role, results.Error, "assume_role_policy of "+role+" is unknown until apply")
		}
	}
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.ci", results.Pass, "")
	v.expect(t, "aws-privilege-escalation", "aws_iam_role.ci", results.Fail, "can escalate")
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.breakglass", results.Fail, "full administrator access")
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.reader", results.Pass, "")
	v.expect(t, "aws-privilege-escalation", "aws_iam_role.reader", results.Pass, "")
	// Memberships of a group whose name is unknown, by reference.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_group.admins", results.Fail, "")
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.ops", results.Fail, "")
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.lead", results.Fail, "")
	v.expect(t, "aws-user-direct-policies", "aws_iam_user.lead", results.Pass, "through groups")
	v.expect(t, "aws-long-lived-access-keys", "aws_iam_user.lead", results.Pass, "")
	// A user who may assume any role reaches the break-glass admin role
	// unless its unknown trust policy keeps it out: a FAIL that says
	// what it assumes, never a PASS.
	v.expect(t, "aws-privilege-escalation", "aws_iam_user.hopper", results.Fail, "aws_iam_role.breakglass (admin)")
	if r := v.find("aws-privilege-escalation", "aws_iam_user.hopper"); r != nil && !strings.Contains(fmt.Sprint(r.Evidence["assumed"]), "trust policy of aws_iam_role.breakglass could not be read") {
		t.Errorf("hopper: evidence does not say what it assumes: %v", r.Evidence["assumed"])
	}
	// A role's managed_policy_arns by reference and by literal ARN, and
	// a permissions boundary by reference: read-only, it holds the admin
	// grant back (the grant still fails, the evidence says so); a list
	// from a variable cannot be told.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.worker", results.Fail, "full administrator access")
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.bounded", results.Fail, "full administrator access")
	if r := v.find("aws-admin-policy-attached", "aws_iam_role.bounded"); r != nil && (r.Evidence["effective_admin"] != false || !strings.Contains(fmt.Sprint(r.Evidence["held_back_by"]), "aws_iam_policy.readonly")) {
		t.Errorf("bounded: evidence %v", r.Evidence)
	}
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.mystery", results.Error, "managed_policy_arns of aws_iam_role.mystery is unknown until apply")
	v.expect(t, "aws-trust-wildcard-principal", "aws_iam_role.mystery", results.Pass, "")
	// The password policy is the block that declares it.
	v.expect(t, "aws-password-policy", "aws_iam_account_password_policy.strict", results.Pass, "14+ characters")
}

// A plan that grants to users, groups and roles it does not manage: what
// it grants is judged (an admin policy attached to an existing user is a
// FAIL the gate must stop), what it does not show is not evaluated, and a
// planned user joining an existing group is never a PASS.
func TestSyntheticOutsidePlan(t *testing.T) {
	v := plan(t, "synthetic_outside_plan")
	const acct = "arn:aws:iam::111111111111:"
	v.expect(t, "aws-admin-policy-attached", acct+"user/alice", results.Fail, "full administrator access")
	v.expect(t, "aws-user-direct-policies", acct+"user/alice", results.Fail, "1 attached")
	if r := v.find("aws-admin-policy-attached", acct+"user/alice"); r != nil && r.Evidence["outside_plan"] != "user alice is not managed by this plan: only what aws_iam_user_policy_attachment.alice_admin grants it is known; its other policies, groups and permissions boundary are not" {
		t.Errorf("alice: evidence outside_plan %q", r.Evidence["outside_plan"])
	}
	if r := v.find("aws-admin-policy-attached", acct+"user/bob"); r != nil && fmt.Sprint(r.Evidence["granted_by"]) != "[aws_iam_group_membership.ops_members]" {
		t.Errorf("bob: evidence granted_by %v", r.Evidence["granted_by"])
	}
	// An existing user joining the plan's admin group.
	v.expect(t, "aws-admin-policy-attached", acct+"user/bob", results.Fail, "full administrator access")
	v.expect(t, "aws-privilege-escalation", acct+"role/deployer", results.Fail, "iam:AttachRolePolicy")
	// A policy unknown until apply granted to an existing group.
	v.expect(t, "aws-admin-policy-attached", acct+"group/Support", results.Error, "policy of aws_iam_policy.later is unknown until apply")
	// A planned user in an existing group: its group's policies are
	// unknown, so neither admin nor escalation can pass.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.new_dev", results.Error, "group Administrators already exists")
	v.expect(t, "aws-privilege-escalation", "aws_iam_user.new_dev", results.Error, "group Administrators already exists")
	// A policy that exists already, rewritten to allow everything: its
	// holders outside the plan are admins; the narrow one gives nothing.
	v.expect(t, "aws-admin-policy-attached", "aws_iam_policy.shared", results.Fail, "principals outside this plan may hold it")
	if r := v.find("aws-admin-policy-attached", "aws_iam_policy.shared_ro"); r != nil {
		t.Errorf("a narrow existing policy: %s %s", r.Status, r.Message)
	}
	// The access key the plan creates for carol is a long-lived key,
	// whatever other keys she has.
	v.expect(t, "aws-long-lived-access-keys", acct+"user/carol", results.Fail, "1 active long-lived access key")
	// A user the plan manages but does not create: its inline policy is
	// its own (a FAIL), and nothing clears it, since policies attached
	// outside Terraform are not in the plan. So for a role whose plan
	// does not list its attachments (no managed_policy_arns).
	v.expect(t, "aws-user-direct-policies", "aws_iam_user.legacy", results.Fail, "1 inline")
	for _, r := range v {
		if (r.Resource == "aws_iam_user.legacy" || r.Resource == "aws_iam_role.old_app") && r.Status != results.Fail {
			t.Errorf("%s on a user that exists already: %s %s", r.Control, r.Status, r.Message)
		}
	}
	// Everything else about the existing principals is not evaluated:
	// no PASS, and no ERROR for what a plan cannot show (their trust
	// policies, credentials, last use).
	for _, r := range v {
		if !strings.HasPrefix(r.Resource, acct) {
			continue
		}
		switch {
		case r.Status == results.Pass:
			t.Errorf("PASS on a principal outside the plan: %s %s: %s", r.Control, r.Resource, r.Message)
		case r.Status == results.Error && r.Resource != acct+"group/Support":
			t.Errorf("ERROR for what the plan does not show: %s %s: %s", r.Control, r.Resource, r.Message)
		case strings.Contains(r.Resource, "reporting") || (strings.Contains(r.Resource, "carol") && r.Control != "aws-long-lived-access-keys"):
			t.Errorf("%s on %s: %s %s", r.Control, r.Resource, r.Status, r.Message)
		}
	}
}

// The compute a plan declares runs as its role: a grant on it is a chain
// to that role (a function's role by reference, a build project's by its
// literal ARN, an instance's through its instance profile). Compute the
// plan does not declare is outside it: a grant that may reach it is never
// cleared.
func TestSyntheticPlanCompute(t *testing.T) {
	v := plan(t, "synthetic_plan_compute")
	for user, chain := range map[string]string{
		"dev": "lambda:UpdateFunctionCode on aws_lambda_function.report → aws_iam_role.fn_admin (admin)",
		"ci":  "codebuild:StartBuild on aws_codebuild_project.release → aws_iam_role.builder (admin)",
		"ops": "ssm:SendCommand on aws_instance.app → aws_iam_role.box (admin)",
	} {
		v.expect(t, "aws-privilege-escalation", "aws_iam_user."+user, results.Fail, chain)
	}
	v.expect(t, "aws-privilege-escalation", "aws_iam_user.stacker", results.Error, "the plan does not show the account's CloudFormation stacks")
}

// A grant whose principal is unknown until apply and named by no
// reference may reach anyone of the account: no PASS resting on it, while
// a FAIL stands (a grant more does not make a principal less admin). So
// may an access key.
func TestSyntheticUnknownGrantee(t *testing.T) {
	v := plan(t, "synthetic_unknown_grantee")
	const why = "not decided: user of aws_iam_user_policy_attachment.mystery is unknown until apply: whom it grants to cannot be told"
	v.expect(t, "aws-admin-policy-attached", "aws_iam_user.ops", results.Error, why)
	v.expect(t, "aws-privilege-escalation", "aws_iam_user.ops", results.Error, why)
	v.expect(t, "aws-admin-policy-attached", "aws_iam_role.admin", results.Fail, "full administrator access")
	// An access key for that same unknown user: no user of the account
	// may PASS the key controls.
	v.expect(t, "aws-long-lived-access-keys", "aws_iam_user.ops", results.Error,
		"not decided: user of aws_iam_access_key.mystery is unknown until apply: which user it is for cannot be told")
	// Controls that rest on neither are not touched.
	v.expect(t, "aws-cross-account-trust", "aws_iam_role.admin", results.Pass, "")
}

// Provider aliases that name an account (allowed_account_ids, or the role
// their assume_role block assumes) put their resources in that account;
// an alias for another region stays in the default block's account.
func TestSyntheticProviderAccounts(t *testing.T) {
	v := plan(t, "synthetic_provider_accounts")
	for _, tc := range []struct {
		control, resource string
		status            results.Status
		account           string
	}{
		{"aws-admin-policy-attached", "aws_iam_role.deploy", results.Pass, "111111111111"},
		{"aws-admin-policy-attached", "aws_iam_role.east_app", results.Pass, "111111111111"},
		// Two users named ci: the attachment by name in aws.prod reaches
		// the one of 222222222222 only.
		{"aws-admin-policy-attached", "aws_iam_user.ci", results.Pass, "111111111111"},
		{"aws-admin-policy-attached", "aws_iam_user.prod_ci", results.Fail, "222222222222"},
		{"aws-admin-policy-attached", "aws_iam_role.prod_admin", results.Fail, "222222222222"},
		// The literal ARN of the policy the plan creates in 222222222222.
		{"aws-admin-policy-attached", "aws_iam_role.prod_reader", results.Fail, "222222222222"},
		// Trust between the plan's own accounts is not cross-account.
		{"aws-cross-account-trust", "aws_iam_role.deploy", results.Pass, "111111111111"},
		{"aws-cross-account-trust", "aws_iam_role.prod_admin", results.Pass, "222222222222"},
		{"aws-cross-account-trust", "aws_iam_role.vendor", results.Fail, "333333333333"},
		{"aws-guardduty-enabled", "arn:aws:iam::222222222222:root", results.Pass, "222222222222"},
		{"aws-password-policy", "aws_iam_account_password_policy.prod", results.Fail, "222222222222"},
	} {
		v.expect(t, tc.control, tc.resource, tc.status, "")
		if r := v.find(tc.control, tc.resource); r != nil && r.Account != tc.account {
			t.Errorf("%s on %s: account %s, want %s", tc.control, tc.resource, r.Account, tc.account)
		}
	}
	// Account-wide settings are judged only where the plan declares
	// them: the default account has no password policy in the plan.
	for _, r := range v {
		if r.Control == "aws-password-policy" && r.Account != "222222222222" {
			t.Errorf("password policy reported in %s: %s %s", r.Account, r.Status, r.Message)
		}
	}
	s := mapFile(t, "synthetic_provider_accounts")
	var ids []string
	for _, a := range s.AWS.Accounts {
		ids = append(ids, a.AccountID)
	}
	if strings.Join(ids, ",") != "111111111111,222222222222,333333333333" {
		t.Errorf("accounts %v", ids)
	}
}

package main

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantGuardrails) }

// The organization's units: prod and dev sit in workloads, security in its
// own OU created later.
const (
	orgRootID    = "r-ex01"
	workloadsOU  = "ou-ex01-workloads"
	securityOU   = "ou-ex01-security"
	imdsV1Legacy = "i-0222222legacyweb"
)

// plantGuardrails: organization guardrails and account-wide settings.
//   - The deny-root-user and protect-logging SCPs are attached to the
//     workloads OU only; the security OU got an older baseline that denies
//     StopLogging alone (with a break-glass carve-out), so the security
//     account's root is not denied and its trails can be deleted or
//     updated.
//   - security has no budget; dev has none either but watches spending with
//     a CloudWatch billing alarm.
//   - prod runs a legacy web instance that still allows IMDSv1; a stopped
//     one beside it is not judged.
//   - dev's account-level S3 Block Public Access lets bucket policies make
//     buckets public.
func plantGuardrails(w *World) {
	org := w.Snap.AWS.Organization
	for i := range org.Accounts {
		a := &org.Accounts[i]
		switch a.ID {
		case Management:
			a.Parents = []string{orgRootID}
		case Security:
			a.Parents = []string{orgRootID, securityOU}
		default:
			a.Parents = []string{orgRootID, workloadsOU}
		}
	}
	workloads := []snapshot.OrgTarget{{ID: workloadsOU, ARN: "arn:aws:organizations::111111111111:ou/" + OrgID + "/" + workloadsOU, Name: "workloads", Type: "ORGANIZATIONAL_UNIT"}}
	for i := range org.Policies {
		if p := &org.Policies[i]; p.Name == "deny-root-user" || p.Name == "protect-logging" {
			p.Targets = workloads
		}
	}
	org.Policies = append(org.Policies, snapshot.OrgPolicy{
		ID: "p-secbase1", ARN: "arn:aws:organizations::111111111111:policy/" + OrgID + "/service_control_policy/p-secbase1", Name: "security-baseline", Type: "SERVICE_CONTROL_POLICY",
		Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": map[string]any{
			"Sid": "NoStopLogging", "Effect": "Deny", "Action": "cloudtrail:StopLogging", "Resource": "*",
			"Condition": map[string]any{"ArnNotLike": map[string]any{"aws:PrincipalArn": "arn:aws:iam::*:role/break-glass"}},
		}}),
		Targets: []snapshot.OrgTarget{{ID: securityOU, ARN: "arn:aws:organizations::111111111111:ou/" + OrgID + "/" + securityOU, Name: "security", Type: "ORGANIZATIONAL_UNIT"}},
	})
	w.Want("aws-scp-deny-root", Security, "", RootARN(Security), results.Fail, "the security OU has no deny-root SCP")
	w.Want("aws-scp-deny-root", Prod, "", RootARN(Prod), results.Pass, "deny-root-user on the workloads OU")
	w.Want("aws-scp-deny-root", Management, "", RootARN(Management), "", "SCPs never apply to the management account")
	w.Want("aws-scp-protect-logging", Security, "", RootARN(Security), results.Fail, "only StopLogging is denied; DeleteTrail and UpdateTrail are not")
	w.Want("aws-scp-protect-logging", Dev, "", RootARN(Dev), results.Pass, "protect-logging on the workloads OU")

	w.Account(Security).Budgets = []snapshot.Budget{}
	dev := w.Account(Dev)
	dev.Budgets = []snapshot.Budget{}
	east := w.Region(Dev, "us-east-1")
	east.Alarms = append(east.Alarms, snapshot.MetricAlarm{
		Name: "estimated-charges-over-2000", ARN: "arn:aws:cloudwatch:us-east-1:333333333333:alarm:estimated-charges-over-2000",
		MetricName: "EstimatedCharges", Namespace: "AWS/Billing", ActionsEnabled: true, AlarmActions: []string{"arn:aws:sns:us-east-1:333333333333:finops"},
	})
	w.Want("aws-billing-alarm", Security, "", RootARN(Security), results.Fail, "no budget, no billing alarm")
	w.Want("aws-billing-alarm", Dev, "", RootARN(Dev), results.Pass, "CloudWatch alarm on AWS/Billing EstimatedCharges")
	w.Want("aws-billing-alarm", Prod, "", RootARN(Prod), results.Pass, "monthly-spend budget")

	west := w.Region(Prod, "eu-west-1")
	arn := func(id string) string { return fmt.Sprintf("arn:aws:ec2:eu-west-1:%s:instance/%s", Prod, id) }
	west.Instances = append(west.Instances,
		snapshot.EC2Instance{ID: imdsV1Legacy, ARN: arn(imdsV1Legacy), State: "running", HTTPTokens: "optional", HTTPEndpoint: "enabled", HTTPPutResponseHopLimit: 1,
			InstanceProfileARN: "arn:aws:iam::222222222222:instance-profile/app-instance"},
		snapshot.EC2Instance{ID: "i-0222222oldbatch0", ARN: arn("i-0222222oldbatch0"), State: "stopped", HTTPTokens: "optional", HTTPEndpoint: "enabled", HTTPPutResponseHopLimit: 1},
	)
	w.Want("aws-imdsv2-required", Prod, "eu-west-1", arn(imdsV1Legacy), results.Fail, "running with HttpTokens optional")
	w.Want("aws-imdsv2-required", Prod, "eu-west-1", arn("i-0222222oldbatch0"), "", "stopped: not judged")
	w.Want("aws-imdsv2-required", Prod, "eu-west-1", west.Instances[0].ARN, results.Pass, "HttpTokens required")

	bpa := dev.S3PublicAccessBlock
	bpa.BlockPublicPolicy, bpa.RestrictPublicBuckets = false, false
	w.Want("aws-s3-account-public-access-block", Dev, "", RootARN(Dev), results.Fail, "bucket policies may make buckets public")
	w.Want("aws-s3-account-public-access-block", Prod, "", RootARN(Prod), results.Pass, "all four settings on")
}

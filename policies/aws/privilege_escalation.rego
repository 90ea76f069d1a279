# METADATA
# title: No principal can escalate its own privileges
# description: |
#   A user or role that is not already a full admin but can make itself
#   one — rewrite IAM (its own or someone else's policies, policy
#   versions, boundary, credentials or trust), hand a more privileged role
#   to a service that runs its code, or run code on compute that already
#   runs as a more privileged role — holds the whole account.
#   Judged on the escalation graph rampart computes in Go (package
#   analysis/awsiam): effective permissions follow AWS's evaluation logic
#   (identity policies and the groups', the permissions boundary, the SCPs
#   of an organization member account, explicit Deny first; wildcards and
#   NotAction/NotResource; ${aws:username} and ${aws:PrincipalTag/..}
#   resolved per principal), and every technique is tried against the
#   real users, groups, roles, policies, Lambda functions, CloudFormation
#   stacks and instances of the snapshot — a grant on one named role
#   counts when that role is worth having. The evidence is the shortest
#   chain to full admin, multi-hop included, e.g.
#   user/ci → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction →
#   role/deployer → sts:AssumeRole → role/admin (admin).
#   Conditions the snapshot decides (iam:PassedToService, iam:PolicyARN,
#   aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalTag/*,
#   aws:PrincipalOrgID, aws:RequestedRegion, resource tags) are evaluated;
#   the others (MFA, source IP, time, an external ID) are assumed to hold
#   on an Allow and not credited on a Deny, and each such assumption is
#   listed in the evidence ("assumed").
#
#   Techniques (source: Rhino Security Labs' methods 1-21, BishopFox
#   iam-vulnerable, Datadog pathfinding.cloud, Pacu iam__privesc_scan):
#
#   | technique | actions | target |
#   |---|---|---|
#   | create-policy-version | iam:CreatePolicyVersion | a customer-managed policy attached to the actor (or its group, or a principal it can become) |
#   | set-default-policy-version | iam:SetDefaultPolicyVersion | same (other versions are not collected: assumed to grant more) |
#   | attach-user/group/role-policy | iam:Attach{User,Group,Role}Policy (iam:PolicyARN evaluated against AdministratorAccess, the account's admin policies, and one the actor may create) | itself, its group, or a principal it can become |
#   | put-user/group/role-policy | iam:Put{User,Group,Role}Policy | same |
#   | delete/put-*-permissions-boundary | iam:Delete/Put{User,Role}PermissionsBoundary | a principal whose admin identity is held back only by its boundary |
#   | assume-role | sts:AssumeRole | a role whose trust policy names the actor (then no identity grant is needed in the same account), its account, or anyone |
#   | update-assume-role-policy | iam:UpdateAssumeRolePolicy | any role (then assumed) |
#   | create-access-key(-rotate) | iam:CreateAccessKey (+ iam:DeleteAccessKey when the user has two keys) | another user |
#   | create/update-login-profile | iam:CreateLoginProfile / iam:UpdateLoginProfile | another user without / with a password, and without MFA |
#   | add-user-to-group | iam:AddUserToGroup | a group (the actor joins it) |
#   | passrole-ec2(-new-profile) | iam:PassRole + ec2:RunInstances (+ iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile) | a role trusting ec2.amazonaws.com in (or not yet in) an instance profile |
#   | passrole-autoscaling-* | iam:PassRole + autoscaling:CreateLaunchConfiguration or ec2:CreateLaunchTemplate + autoscaling:CreateAutoScalingGroup | same |
#   | passrole-lambda-invoke / -event-source / -add-permission | iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction / CreateEventSourceMapping / AddPermission | a role trusting lambda.amazonaws.com |
#   | passrole-cloudformation(-change-set) | iam:PassRole + cloudformation:CreateStack (or CreateChangeSet + ExecuteChangeSet) | a role trusting cloudformation.amazonaws.com |
#   | passrole-glue-dev-endpoint / -job / -job-trigger | iam:PassRole + glue:CreateDevEndpoint, or glue:CreateJob + StartJobRun / CreateTrigger | a role trusting glue.amazonaws.com |
#   | passrole-datapipeline | iam:PassRole + datapipeline:CreatePipeline + PutPipelineDefinition + ActivatePipeline | a role trusting datapipeline.amazonaws.com |
#   | passrole-codebuild(-batch) | iam:PassRole + codebuild:CreateProject + StartBuild (StartBuildBatch) | a role trusting codebuild.amazonaws.com |
#   | passrole-sagemaker-notebook / -training-job / -processing-job | iam:PassRole + sagemaker:CreateNotebookInstance + CreatePresignedNotebookInstanceUrl, CreateTrainingJob, CreateProcessingJob | a role trusting sagemaker.amazonaws.com |
#   | passrole-ecs-run-task / -start-task / -service | iam:PassRole + ecs:RegisterTaskDefinition + RunTask / StartTask / CreateService | a role trusting ecs-tasks.amazonaws.com |
#   | passrole-apprunner | iam:PassRole + apprunner:CreateService | a role trusting tasks.apprunner.amazonaws.com |
#   | lambda-update-function-code | lambda:UpdateFunctionCode | an existing function, running as its role |
#   | cloudformation-update-stack / -change-set | cloudformation:UpdateStack (or CreateChangeSet + ExecuteChangeSet) | an existing stack with a service role |
#   | codebuild-start-build(-batch) | codebuild:StartBuild (StartBuildBatch), whose buildspec override runs any command | an existing build project, building as its service role |
#   | ssm-send-command / ssm-start-session / ec2-instance-connect / ec2-user-data | ssm:SendCommand, ssm:StartSession, ec2-instance-connect:SendSSHPublicKey, ec2:ModifyInstanceAttribute + StopInstances + StartInstances | a running instance, running as its instance profile's role |
#
#   Full admins are not evaluated here (no result): aws-admin-policy-
#   attached reports them; an admin grant held back by a boundary or an
#   SCP is not full admin and is judged here. Groups are not evaluated:
#   their members carry the finding. Service-linked roles are not
#   evaluated. A principal with no known path but a policy that cannot be
#   read, or that can become one whose policies cannot be read, is ERROR;
#   so is one whose grants could reach targets the snapshot does not show
#   (a region whose Lambda functions or CodeBuild projects were not
#   listed; on a Terraform plan, every principal, policy and compute
#   outside the plan), unless its boundary or SCPs rule the grant out.
# custom:
#   id: aws-privilege-escalation
#   severity: high
#   frameworks: {}
#   mitre: [T1098, T1098.003, T1078.004]
#   remediation: |
#     Break the chain at its first step: remove the grant or scope its Resource to the exact users, roles and
#     policies the job needs (and iam:PassRole with an iam:PassedToService condition), e.g.
#     aws iam delete-user-policy --user-name USER --policy-name POLICY, or publish a narrower version:
#     aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default
#     Use a permissions boundary on principals that must manage IAM.
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:inline_policy", "iam:managed_policy_arns", "iam:permissions_boundary", "iam:groups"]
#   iac: Y
package rampart.aws.privilege_escalation

import data.rampart.lib.aws.analysis
import rego.v1

# judged pairs every user and every role but the service-linked ones with
# its facts from the IAM analysis (null when the analysis does not know
# it); admins are judged by aws-admin-policy-attached instead. Results are
# object literals, without helper calls: one result per principal, and
# each call costs OPA's evaluator microseconds (policies/README.md).
judged := array.concat(
	[[account.account_id, u.arn, "AWS::IAM::User", "user", f] |
		some account in input.aws.accounts
		facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
		some u in account.users
		f := object.get(facts, u.arn, null)
	],
	[[account.account_id, r.arn, "AWS::IAM::Role", "role", f] |
		some account in input.aws.accounts
		facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
		some r in account.roles
		not r.service_linked
		f := object.get(facts, r.arn, null)
	],
)

# pass_message is the message of a PASS per kind: a lookup, where sprintf
# would be a builtin call per principal.
pass_message := {kind: sprintf("%s has no known privilege-escalation path", [kind]) | some kind in ["user", "role"]}

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		[r |
			some [account_id, arn, type, kind, f] in judged
			f.admin == false
			[status, message, evidence] := verdict(kind, f)
			r := {"status": status, "account": account_id, "resource": arn, "resource_type": type, "message": message, "evidence": evidence}
		],
		[r |
			some [account_id, arn, type, _, null] in judged
			r := {"status": "ERROR", "account": account_id, "resource": arn, "resource_type": type, "message": analysis.missing, "evidence": {}}
		],
	]
	some result in part
]

# verdict is the decision on a principal that is not admin, from its kind
# and facts alone: OPA memoizes it, and principals with equal facts (most
# of them have no path at all) share one evaluation.
verdict(kind, f) := [
	"FAIL",
	sprintf("%s can escalate to administrator: %s", [kind, f.escalation.chain]),
	{
		"chain": f.escalation.chain, "steps": f.escalation.steps, "techniques": f.escalation.techniques,
		"assumed": f.escalation.assumed, "unknown_policies": f.unknown_policies,
	},
] if {
	f.escalation != null
} else := ["PASS", pass_message[kind], {}] if {
	count(f.escalation_unknown) == 0
} else := [
	"ERROR",
	sprintf("cannot tell whether the %s can escalate: %s", [kind, concat("; ", f.escalation_unknown)]),
	{"unknown_policies": f.escalation_unknown},
]

// Package terraform maps the JSON form of a Terraform plan (`terraform show
// -json PLANFILE`, format_version 0.1 to 1.x) into a rampart snapshot with
// source "terraform-plan", so the same controls that judge a live account
// judge what a pull request is about to create.
//
// # What a plan becomes
//
// Every managed resource instance of the plan — in the root module and in
// child modules, one per count index or for_each key — that is not being
// deleted is looked up in a table of mappers keyed by resource type
// (mapper.go). The AWS mappers fill one snapshot.AWSAccount; Azure and GCP
// mappers slot into the same table when their snapshot sections exist.
// Resource types without a mapper are ignored: a plan of only azurerm
// resources is a valid input with nothing for the AWS controls to judge.
//
// # Resources are named by their Terraform address
//
// A resource's real ARN is unknown until apply, and a reviewer needs to
// know which block to fix, so every "arn" field (users, groups, roles,
// managed policies, OIDC providers, trails, analyzers, SCPs) and the ID of
// instances and detectors holds the resource's full Terraform address,
// e.g. module.poc.aws_iam_role.deploy["prod"]. Controls report the arn
// field as a result's resource, so results, waivers and SARIF locations
// all speak in addresses. Attachments refer to a plan's own managed
// policy by that address; AWS-managed policies keep their real ARN
// (arn:aws:iam::aws:policy/...), and AdministratorAccess is added to the
// account's managed policies with its published document, because an
// attachment of it is the most common way to grant full admin.
//
// Consequences of naming roles by address: config aws.admin_roles patterns
// are matched against the address for plan input (write
// "module.*.aws_iam_role.break_glass" beside the ARN pattern), and the
// account a role lives in is the plan's own account (below), not a field
// of an ARN.
//
// # What is left out
//
// A plan describes what it manages. An attachment or inline policy whose
// user, group or role is not in the plan (an existing principal named by
// its name) is not evaluated: the principal is not in the snapshot. One
// plan is one AWS account: provider aliases that point at other accounts
// are not told apart. data.aws_iam_policy_document is not rendered by
// rampart: its json reaches the resources that use it when Terraform read
// it during plan, and is unknown until apply otherwise.
//
// # Own account
//
// Trust analysis needs the account the roles live in. It is the first of
// the config's aws.account_ids (Options.AccountIDs), else the first of the
// AWS provider's allowed_account_ids in the plan's configuration. It is
// the account_id of the snapshot's one AWS account and of its scope. When
// neither says, the account ID is empty and every role whose trust policy
// names an AWS principal gets a resource-scoped collection error (service
// "organizations", code OwnAccountUnknown): whether it trusts a foreign
// account cannot be decided.
//
// # Unknown values
//
// A value Terraform only knows after apply (after_unknown) is never
// guessed. Where a control would read it — a trust policy, a policy
// document, a policy ARN an attachment points at, instance metadata
// options — the snapshot records a collection error confined to the
// resource whose results depend on it (Operation "*", Code
// UnknownUntilApply, Resource = the address, Message "<attribute> of
// <address> is unknown until apply"), and the field is left null with its
// *_error set, so the controls emit ERROR for it and the engine states the
// reason. A reference to another resource of the plan (policy_arn =
// aws_iam_policy.x.arn, role = aws_iam_role.x.id) is resolved through the
// plan's configuration section before it is called unknown.
//
// # Policy documents
//
// Policy documents arrive as JSON strings, rendered by Terraform
// (jsonencode, heredocs, data.aws_iam_policy_document). They are parsed;
// one that is not JSON is kept raw with document_error set, never dropped.
//
// # Account-level settings
//
// A plan describes only what it manages, so absence from a plan proves
// nothing. The account password policy and the account-level S3 Block
// Public Access are single settings of the account: when the plan has no
// resource for one, the snapshot records a NotInPlan collection error
// (snapshot.CodeNotInPlan) instead of saying the account has none, and the
// control is not evaluated; when the plan declares one, it is the
// account's setting and is judged; so is a GuardDuty detector, Config
// recorder or Security Hub the plan declares in a region (one per region).
// For trails, analyzers, SCPs, metric filters, alarms and budgets, which
// may exist outside the plan, a NotInPlan error is always recorded: a PASS
// proven by what the plan declares stands, and no absence is reported.
// These errors are confined to the account's own resource (its ARN, which
// account-wide results carry): a control about users, roles or trails is
// never touched by them. Regional services are listed only for the
// regions where the plan declares them.
package terraform

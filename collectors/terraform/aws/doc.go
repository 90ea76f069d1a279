// Package aws maps the aws_* resources of a Terraform plan into one
// snapshot.AWSAccount: the AWS provider of package terraform (construct it
// with New; import it as tfaws beside the live collector).
//
// # Resources are named by their Terraform address
//
// Every "arn" field (users, groups, roles, managed policies, OIDC
// providers, trails, analyzers, SCPs) and the ID of instances and
// detectors holds the resource's full Terraform address. Attachments refer
// to a plan's own managed policy by that address; AWS-managed policies
// keep their real ARN (arn:aws:iam::aws:policy/...), and
// AdministratorAccess is added to the account's managed policies with its
// published document, because an attachment of it is the most common way
// to grant full admin.
//
// The IAM analysis still matches policies and trust policies against the
// ARN each principal and policy will have (arn:PARTITION:iam::ACCOUNT:
// KIND/PATH/NAME, from its account, path and known name), so a grant
// written with a literal ARN reaches the planned resource.
//
// Consequences of naming roles by address: config aws.admin_roles patterns
// are matched against the address for plan input (write
// "module.*.aws_iam_role.break_glass" beside the ARN pattern), and the
// account a role lives in is the plan's own account (below), not a field
// of an ARN.
//
// # What is left out
//
// A plan describes what it manages.
// data.aws_iam_policy_document is not rendered by rampart: its json
// reaches the resources that use it when Terraform read it during plan,
// and is unknown until apply otherwise. The partition is always "aws".
//
// # Accounts
//
// Trust analysis needs the account the roles live in, and a plan may
// manage several accounts through provider aliases. Each resource lives
// in the account of its provider block (its provider_config_key):
//   - the default block: the first of the config's aws.account_ids (given
//     to New), else the account the block names;
//   - an alias that names an account: the account of the role its last
//     assume_role block assumes (role_arn a constant), else the first of
//     its allowed_account_ids;
//   - any other block (an alias for another region): the default block's
//     account.
//
// Every account gets its own snapshot.AWSAccount and scope, with its
// account-level settings and NotInPlan errors; names (an attachment's
// role = "app", a policy's literal ARN) are looked up in the resource's
// own account. An account nobody names has an empty ID, and every role in
// it whose trust policy names an AWS principal gets a resource-scoped
// collection error (service "organizations", code OwnAccountUnknown):
// whether it trusts a foreign account cannot be decided. The plan's
// accounts are each other's own accounts for the trust controls.
//
// # References between resources
//
// What an attachment, membership, inline policy or role points at is
// resolved to the plan's own resource before anything is called unknown:
//   - a reference in the configuration (policy_arn = aws_iam_policy.x.arn,
//     role = aws_iam_role.x.id, group = aws_iam_group.g.name), including a
//     list whose references name exactly which instances it holds
//     (users = [aws_iam_user.a.name], managed_policy_arns =
//     [aws_iam_policy.p.arn]; see Mapping.ResolveAll);
//   - a known name of a user, group or role of the plan, in the
//     attachment's account;
//   - the literal ARN arn:aws:iam::ACCOUNT:policy/PATH/NAME of a policy
//     the plan creates in the principal's account (policy_arn,
//     managed_policy_arns, permissions_boundary). IAM attaches only the
//     own account's policies, so another account's ARN is left as it is
//     (and its principal is ERROR: not in the snapshot).
//
// # Compute that runs as a role
//
// aws_lambda_function (role), aws_codebuild_project (service_role),
// aws_cloudformation_stack (iam_role_arn) and aws_instance (through the
// role of the aws_iam_instance_profile it names) are listed in their
// region with the plan's role they run as, resolved like a principal of
// an attachment (reference, known name, or literal ARN in the own
// account), so the escalation graph follows a grant on them to that
// role (compute.go). Compute the plan does not declare is outside it.
//
// # Principals outside the plan
//
// An attachment, inline policy, membership, access key or login profile
// that names (by a known name) a user, group or role no resource of the
// plan has grants to an existing principal: it is added to the snapshot with OutsidePlan set, only what
// the plan grants it, and the identifier arn:PARTITION:iam::ACCOUNT:KIND/NAME
// (path "/" assumed; IAM names are unique in an account). A
// resource-scoped CodeOutsidePlan error lists the granting resources (its
// Sources, which the engine gives FAILs as evidence granted_by): the
// engine keeps the FAILs those grants cause and the ERRORs a value unknown
// until apply causes, and drops the rest (outside.go). The IAM analysis
// counts the unknown rest of the principal, and of an existing group for
// its planned members, so none of them is proved not to be an admin.
//
// A user or group the plan manages but does not create is held the same
// way (its address stays its identifier): IAM may hold policies attached
// to it outside Terraform, and the AWS provider does not read them back
// into the plan as it does a role's managed_policy_arns and inline_policy
// (a role without managed_policy_arns in the plan is held the same way).
//
// # Unknown values
//
// Where a control would read a value known only after apply — a trust
// policy, a policy document, a policy ARN an attachment points at,
// instance metadata options — the resource gets an UnknownUntilApply
// error (see package terraform) whose Operation names the data left
// unknown (OpTrust, OpInline, OpManaged, OpBoundary, OpGroups,
// OpCredentials, or the attribute itself): the controls require exactly
// what they read, so a role whose trust policy is unknown is ERROR for
// the four trust controls and still judged for admin and escalation from
// its known policies. A grant (a policy, a membership, an access key, a
// password) whose principal is unknown goes to the one principal its
// expression's references name; when they name several (a conditional),
// each gets the error; when another value enters the expression (a
// variable, a local, a data source, another resource) or nothing names a
// plan resource, it may reach anyone of its account: a CodeUnknownGrantee
// error (account-wide, Operation the data granted) makes the PASSes
// resting on it ERROR and leaves FAILs standing.
//
// # Policy documents
//
// Policy documents arrive as JSON strings, rendered by Terraform
// (jsonencode, heredocs, data.aws_iam_policy_document), and are parsed by
// snapshot/iampolicy like those of the live collector; one that is not a
// JSON object is kept raw with document_error set, never dropped.
//
// # Account-level settings
//
// The account password policy and the account-level S3 Block Public
// Access are single settings of the account: when the plan has no
// resource for one, the snapshot records a NotInPlan collection error
// (snapshot.CodeNotInPlan) instead of saying the account has none, and the
// control is not evaluated; when the plan declares one, it is the
// account's setting and is judged; so is a GuardDuty detector, Config
// recorder or Security Hub the plan declares in a region (one per region).
// For trails, analyzers, SCPs, metric filters, alarms and budgets, which
// may exist outside the plan, a NotInPlan error is always recorded. These
// errors are confined to the account's own resource (its ARN, which
// account-wide results carry): a control about users, roles or trails is
// never touched by them. Regional services are listed only for the
// regions where the plan declares them.
package aws

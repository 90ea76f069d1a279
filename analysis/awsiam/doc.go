// Package awsiam decides what the IAM principals of an AWS snapshot may do
// and which of them can make themselves administrator.
//
// It follows AWS's published policy evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny in any applicable policy wins; otherwise a request is
// allowed only when the principal's identity-based policies (its own
// inline and managed policies and, for a user, its groups') allow it, its
// permissions boundary (when set) allows it, and, in an organization
// member account, the service control policies at every level from the
// root down to the account allow it. Action and NotAction match
// case-insensitively with IAM's wildcards, Resource and NotResource
// case-sensitively; policy variables (${aws:username},
// ${aws:PrincipalTag/team}, ...) are resolved per principal.
//
// Conditions are evaluated where the snapshot decides them (the
// principal's ARN, account, tags and organization, the service a role is
// passed to, the policy being attached, the requested region). A
// condition the snapshot cannot decide (MFA, source IP, time, tags a
// request would carry) is treated conservatively — assumed to hold on an
// Allow and not credited on a Deny — and every such assumption is named
// in the Decision, so a finding resting on one says so.
//
// On top of the evaluator, Graph builds the escalation graph: principals
// are nodes, an edge says "P can act as Q" (assume Q, pass Q to a service
// that runs P's code, take over Q's credentials, run code on compute that
// runs as Q) or "P can give Q any permission" (write a policy, a policy
// version or a boundary onto Q), and the shortest chain from each
// principal to full administrator is the evidence of
// aws-privilege-escalation. A principal without a chain that holds a
// technique whose targets the snapshot may not show (compute of a region
// whose list failed; on a Terraform plan, anything outside the plan) is
// undecided, not cleared. Facts turns both into the data the Rego
// controls read at data.rampart.analysis.aws.
//
// The package imports no AWS SDK: it reads only the snapshot.
package awsiam

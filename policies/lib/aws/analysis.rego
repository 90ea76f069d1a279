# METADATA
# description: |
#   The IAM facts rampart computes in Go once per snapshot (package
#   analysis/awsiam) and hands to policies at data.rampart.analysis.aws:
#   effective permissions decided with AWS's evaluation logic
#   (identity policies, groups, permissions boundary, SCPs, policy
#   variables, conditions) and the escalation graph. See
#   policies/README.md for every field.
package rampart.lib.aws.analysis

import rego.v1

# principal is the analysis entry of the user, group or role with this ARN
# in this account; undefined when the analysis does not have it.
principal(account_id, arn) := data.rampart.analysis.aws.principals[account_id][arn]

# missing is the message of an ERROR result for a principal the analysis
# does not cover (a policy evaluated outside rampart without the facts).
missing := "the IAM analysis of this principal is not available (data.rampart.analysis.aws): cannot judge it"

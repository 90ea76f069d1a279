# METADATA
# description: |
#   Helpers shared by the AWS controls: building results, reading policy
#   documents in both their single-value and list forms.
package rampart.lib.aws

import data.rampart.lib.result as neutral
import rego.v1

# account_arn is the resource of results about an account as a whole (and
# about a region of it, with the region set).
account_arn(account) := sprintf("arn:%s:iam::%s:root", [account.partition, account.account_id])

# result builds a result for a resource of an account (an element of
# input.aws.accounts): the provider-neutral builder with the account's id.
# region is "" for global resources.
result(status, account, region, resource, type, message, evidence) := neutral.make(status, account.account_id, region, resource, type, message, evidence)

# root_unknown is the result of a root control for an account whose root
# user is not in the snapshot (neither the credential report's
# <root_account> row nor the account summary was read): ERROR, never
# silence. Where a failed call explains it, the engine puts that reason
# in the message.
root_unknown(account, type) := result(
	"ERROR", account, "", account_arn(account), type,
	"root user not in the snapshot: neither the credential report's <root_account> row nor the account summary was read",
	{"root": null},
)

# as_list reads a policy element that may be a single value or a list
# (Action, Resource, Principal.AWS, condition values).
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# statements lists a policy document's statements; Statement may be one
# object or a list.
statements(doc) := doc.Statement if is_array(doc.Statement)

statements(doc) := [doc.Statement] if is_object(doc.Statement)

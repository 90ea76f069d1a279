# METADATA
# title: Root user not used recently
# description: |
#   Root should sit in the break-glass vault: any sign-in with its password
#   or call with its access key inside the window is either an undocumented
#   break-glass or an intruder (pb-16 §1.1 ConsoleLogin (Root) is
#   critical). Last use comes from the credential report; when only the
#   account summary was available the control cannot decide and reports
#   ERROR. "Within the window" means fewer than
#   thresholds.root_recent_use_days whole days ago.
# custom:
#   id: aws-root-recent-use
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["1.7"]
#   mitre: [T1078.004]
#   remediation: |
#     Confirm every recent root use with its break-glass record (pb-16 break-glass procedure);
#     rotate the root password if it is not documented. Use IAM roles or Identity Center for
#     administration. Check last use with: aws iam generate-credential-report &&
#     aws iam get-credential-report --query Content --output text | base64 -d | head -2
#   escalation: CISO + Cloud team
#   requires: ["iam:GetCredentialReport"]
#   iac: N
package rampart.aws.root_recent_use

import data.rampart.lib.aws
import data.rampart.lib.time
import rego.v1

type := "AWS::IAM::RootUser"

window := data.rampart.config.thresholds.root_recent_use_days

# uses lists every recorded root use with its age in days.
uses(root) := array.concat(
	[{"credential": "password", "last_used": root.password_last_used, "days_ago": time.days_since(root.password_last_used)} |
		root.password_last_used != null
	],
	[{"credential": sprintf("access_key_%d", [k.slot]), "last_used": k.last_used, "days_ago": time.days_since(k.last_used)} |
		some k in root.access_keys
		k.last_used != null
	],
)

recent(root) := [u | some u in uses(root); u.days_ago < window]

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root.access_keys != null
	count(recent(root)) > 0
	r := aws.result("FAIL", account, "", root.arn, type, sprintf("root user was used %d day(s) ago", [min([u.days_ago | some u in recent(root)])]), {"window_days": window, "recent_uses": recent(root)})
}

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root.access_keys != null
	count(recent(root)) == 0
	r := aws.result("PASS", account, "", root.arn, type, sprintf("root user not used in the last %d days", [window]), {"window_days": window, "uses": uses(root)})
}

# Without the credential report there is no last-use date to judge.
results contains r if {
	some account in input.aws.accounts
	root := account.root
	root != null
	is_null(root.access_keys)
	r := aws.result("ERROR", account, "", root.arn, type, "root last use unknown: the credential report was not collected (only the account summary)", {"access_keys": null})
}

# No root user in the snapshot: ERROR, not silence.
results contains r if {
	some account in input.aws.accounts
	object.get(account, "root", null) == null
	r := aws.root_unknown(account, type)
}

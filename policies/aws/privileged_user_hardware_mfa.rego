# METADATA
# title: Users with administrator access use hardware MFA
# description: |
#   An IAM user with full administrator access (* on *, through its own or
#   its groups' policies, not neutralised by a deny-all, and not held back
#   by a permissions boundary or an SCP: rampart's IAM analysis,
#   data.rampart.analysis.aws) must sign in with a hardware
#   MFA device or FIDO security key: a virtual TOTP app can be phished or
#   copied with the phone. An admin user with no MFA device at all fails
#   here too: this control asks whether the admin holds a hardware key,
#   and an admin with only access keys is not caught by
#   aws-console-user-mfa (console users only). Users without admin access
#   are not evaluated; a user whose admin status cannot be decided (a
#   policy document missing) is left to aws-admin-policy-attached's ERROR,
#   and one absent from the credential report is ERROR here.
# custom:
#   id: aws-privileged-user-hardware-mfa
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004, T1556]
#   remediation: |
#     Register a FIDO security key or hardware TOTP token for the user and remove the virtual device:
#     aws iam list-mfa-devices --user-name USER
#     aws iam deactivate-mfa-device --user-name USER --serial-number SERIAL   (after the hardware key is enabled)
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:inline_policy", "iam:managed_policy_arns", "iam:permissions_boundary", "iam:groups"]
#   iac: N
package rampart.aws.privileged_user_hardware_mfa

import data.rampart.lib.aws
import data.rampart.lib.aws.analysis
import rego.v1

type := "AWS::IAM::User"

# judged pairs every user with its facts from the IAM analysis (null when
# the analysis does not know it), read directly rather than through a
# helper call per user (policies/README.md, "Writing a fast control").
judged := [[account.account_id, u, f] |
	some account in input.aws.accounts
	facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
	some u in account.users
	f := object.get(facts, u.arn, null)
]

# admins: every user the analysis finds to be a full admin (a list, so
# that it is neither hashed nor sorted).
admins := [{"account": {"account_id": account_id}, "user": u, "grants": f.admin_grants} |
	some [account_id, u, f] in judged
	f.admin
]

hardware(u) if {
	some d in u.mfa_devices
	d.type == "hardware"
}

results contains r if {
	some a in admins
	a.user.credential_report
	a.user.mfa_devices != null
	hardware(a.user)
	r := aws.result("PASS", a.account, "", a.user.arn, type, "admin user has a hardware MFA device", evidence(a))
}

results contains r if {
	some a in admins
	a.user.credential_report
	a.user.mfa_devices != null
	not hardware(a.user)
	r := aws.result("FAIL", a.account, "", a.user.arn, type, fail_message(a.user), evidence(a))
}

results contains r if {
	some a in admins
	not a.user.credential_report
	r := aws.result(
		"ERROR", a.account, "", a.user.arn, type,
		"admin user is absent from the credential report: its MFA devices are unknown", evidence(a),
	)
}

results contains r if {
	some [account_id, u, f] in judged
	f.admin == false
	count(f.unknown_policies) > 0
	r := {
		"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type,
		"message": sprintf("cannot tell whether the user is an admin: %s", [concat("; ", f.unknown_policies)]),
		"evidence": {"unknown_policies": f.unknown_policies},
	}
}

fail_message(u) := "admin user has no MFA device at all" if {
	count(u.mfa_devices) == 0
} else := "admin user has only virtual MFA devices"

evidence(a) := {
	"admin_grants": a.grants,
	"mfa_devices": [d.type | some d in object.get(a.user, "mfa_devices", [])],
}

results contains r if {
	some [account_id, u, null] in judged
	r := {"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type, "message": analysis.missing, "evidence": {}}
}

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
#   are not evaluated. ERROR: a user whose admin status cannot be decided
#   (a policy document missing), an admin absent from the credential
#   report, and an admin whose MFA devices were not listed (offline
#   evidence has no ListVirtualMFADevices).
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

# admins lists [account, user, evidence] for every user the analysis finds
# to be a full admin; results are object literals, without helper calls
# (policies/README.md, "Writing a fast control").
admins := [[account_id, u, evidence] |
	some [account_id, u, f] in judged
	f.admin
	evidence := {"admin_grants": f.admin_grants, "mfa_devices": [d.type | some d in object.get(u, "mfa_devices", [])]}
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		[r |
			some [account_id, u, evidence] in admins
			u.credential_report
			u.mfa_devices != null
			"hardware" in evidence.mfa_devices
			r := {
				"status": "PASS", "account": account_id, "resource": u.arn, "resource_type": type,
				"message": "admin user has a hardware MFA device", "evidence": evidence,
			}
		],
		[r |
			some [account_id, u, evidence] in admins
			u.credential_report
			u.mfa_devices != null
			not "hardware" in evidence.mfa_devices
			r := {
				"status": "FAIL", "account": account_id, "resource": u.arn, "resource_type": type,
				"message": fail_message(u), "evidence": evidence,
			}
		],
		[r |
			some [account_id, u, evidence] in admins
			not u.credential_report
			r := {
				"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type,
				"message": "admin user is absent from the credential report: its MFA devices are unknown", "evidence": evidence,
			}
		],
		[r |
			some [account_id, u, evidence] in admins
			u.credential_report
			not is_array(u.mfa_devices)
			r := {
				"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type,
				"message": "admin user's MFA devices were not collected (ListVirtualMFADevices): whether one is hardware is unknown", "evidence": evidence,
			}
		],
		[r |
			some [account_id, u, f] in judged
			f.admin == false
			count(f.unknown_policies) > 0
			r := {
				"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type,
				"message": sprintf("cannot tell whether the user is an admin: %s", [concat("; ", f.unknown_policies)]),
				"evidence": {"unknown_policies": f.unknown_policies},
			}
		],
		[r |
			some [account_id, u, null] in judged
			r := {"status": "ERROR", "account": account_id, "resource": u.arn, "resource_type": type, "message": analysis.missing, "evidence": {}}
		],
	]
	some result in part
]

fail_message(u) := "admin user has no MFA device at all" if {
	count(u.mfa_devices) == 0
} else := "admin user has only virtual MFA devices"

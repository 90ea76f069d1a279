# METADATA
# title: IAM users with a console password have MFA
# description: |
#   A console password alone is phished or guessed; "ConsoleLogin without
#   MFA" is the first signal of the compromise playbook. Users whose console
#   password is disabled are not console users and are not judged; users
#   missing from the credential report are ERROR, since their password and
#   MFA state are unknown.
# custom:
#   id: aws-console-user-mfa
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["1.10"]
#   mitre: [T1078.004, T1556]
#   remediation: |
#     Have the user assign an MFA device (IAM console > Users > Security credentials > Assign MFA device)
#     or remove the console password: aws iam delete-login-profile --user-name <user>.
#     Find them with: aws iam get-credential-report --query Content --output text | base64 -d | cut -d, -f1,4,8
#   escalation: Cloud team
#   requires: ["iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails"]
#   iac: N
package rampart.aws.console_user_mfa

import rego.v1

type := "AWS::IAM::User"

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		# Results are object literals built without helper calls: this control
		# emits one result per user, and each call costs OPA's evaluator several
		# microseconds (policies/README.md, "Writing a fast control").
		[r |
			some account in input.aws.accounts
			some user in account.users
			user.credential_report == true
			user.password_enabled
			not user.mfa_active
			r := {
				"status": "FAIL", "account": account.account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s can sign in to the console without MFA", [user.name]),
				"evidence": {"password_enabled": true, "mfa_active": false, "password_last_used": user.password_last_used},
			}
		],
		[r |
			some account in input.aws.accounts
			some user in account.users
			user.credential_report == true
			user.password_enabled
			user.mfa_active
			r := {
				"status": "PASS", "account": account.account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("console user %s has MFA", [user.name]),
				"evidence": {"password_enabled": true, "mfa_active": true},
			}
		],
		[r |
			some account in input.aws.accounts
			some user in account.users
			not user.credential_report == true
			r := {
				"status": "ERROR", "account": account.account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s is missing from the credential report: console password and MFA unknown", [user.name]),
				"evidence": {"credential_report": false},
			}
		],
	]
	some result in part
]

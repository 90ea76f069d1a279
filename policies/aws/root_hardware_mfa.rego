# METADATA
# title: Root user has a hardware MFA device
# description: |
#   A virtual MFA app lives on a phone that can be cloned, phished or lost
#   with the password manager that holds the root password; a hardware or
#   FIDO key cannot be copied. pb-16 §2.2 puts hardware MFA on root first.
#   A root user with no MFA at all also fails (aws-root-mfa says so too).
# custom:
#   id: aws-root-hardware-mfa
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["1.6"]
#   mitre: [T1078.004, T1556]
#   remediation: |
#     Sign in as root, remove the virtual MFA device and assign a hardware TOTP token or a
#     FIDO security key (IAM console > Security credentials > Assign MFA device).
#     Check with: aws iam list-virtual-mfa-devices --assignment-status Assigned
#     (no serial ending in :mfa/root-account-mfa-device should remain).
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountSummary|iam:GetCredentialReport", "iam:ListVirtualMFADevices"]
#   iac: N
package rampart.aws.root_hardware_mfa

import data.rampart.lib.aws
import rego.v1

type := "AWS::IAM::RootUser"

kinds(root) := sort([d.type | some d in root.mfa_devices])

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root.mfa_active
	root.mfa_devices != null
	some d in root.mfa_devices
	d.type == "hardware"
	r := aws.result("PASS", account, "", root.arn, type, "root user has a hardware MFA device", {"mfa_active": true, "mfa_device_types": kinds(root)})
}

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root.mfa_active
	is_array(root.mfa_devices)
	count(root.mfa_devices) > 0
	not has_hardware(root)
	r := aws.result("FAIL", account, "", root.arn, type, "root user's MFA is a virtual device only", {"mfa_active": true, "mfa_device_types": kinds(root)})
}

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root != null
	not root.mfa_active
	r := aws.result("FAIL", account, "", root.arn, type, "root user has no MFA device at all", {"mfa_active": false})
}

# MFA is on but no device was listed (not collected, or none found): the
# kind is unknown.
results contains r if {
	some account in input.aws.accounts
	root := account.root
	root.mfa_active
	no_devices(root)
	r := aws.result("ERROR", account, "", root.arn, type, "root user has MFA but its device kind is unknown (no device listed)", {"mfa_active": true, "mfa_devices": root.mfa_devices})
}

no_devices(root) if is_null(root.mfa_devices)

no_devices(root) if {
	is_array(root.mfa_devices)
	count(root.mfa_devices) == 0
}

has_hardware(root) if {
	some d in root.mfa_devices
	d.type == "hardware"
}

# No root user in the snapshot: ERROR, not silence.
results contains r if {
	some account in input.aws.accounts
	object.get(account, "root", null) == null
	r := aws.root_unknown(account, type)
}

# METADATA
# description: |
#   Helpers for the IAM credential controls: which keys are active, when a
#   credential was last used, and the thresholds from the configuration.
#   "Unused" counts from creation when a credential was never used, with
#   the same threshold, so a brand-new key is not unused and a key created
#   long ago and never used is.
package rampart.lib.aws.credentials

import rego.v1

thresholds := data.rampart.config.thresholds

# active_keys lists a user's (or root's) active access key slots.
active_keys(principal) := [k | some k in principal.access_keys; k.active]

# reference_time is when a credential was last used or, never used, when
# it was created (null when neither is known).
reference_time(last_used, created) := last_used if {
	last_used != null
} else := created

# password_reference is the last use of a user's console password or,
# never used, when it was last set (the credential report has no creation
# date for the password itself), or else when the user was created (null
# when that is unknown too). Else-chains: one rule body runs per call.
password_reference(user) := user.password_last_used if {
	user.password_last_used != null
} else := user.password_last_changed if {
	user.password_last_changed != null
} else := user.created

# in_report is true for a user whose credential report row was collected:
# without it, password, MFA and key fields are unknown.
in_report(user) if user.credential_report == true

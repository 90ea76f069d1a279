# METADATA
# title: User-managed service account keys are rotated
# description: |
#   A user-managed key that has lived longer than the rotation period
#   (thresholds.gcp_sa_key_max_age_days, 90 days by default) has had that
#   much time to leak. The age counts from the key's valid_after time to the
#   snapshot's collection time. Disabled and expired keys cannot
#   authenticate and PASS; Google-managed keys are rotated by Google and
#   are not judged; a key of unknown type is ERROR.
# custom:
#   id: gcp-sa-key-rotation
#   severity: medium
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.7"]
#   mitre: [T1078.004, T1098.001]
#   remediation: |
#     Create a new key, move its users to it, then disable and delete the old one:
#     gcloud iam service-accounts keys create new-key.json --iam-account=<sa>@<project>.iam.gserviceaccount.com
#     gcloud iam service-accounts keys disable <key-id> --iam-account=<sa>@<project>.iam.gserviceaccount.com
#     gcloud iam service-accounts keys delete <key-id> --iam-account=<sa>@<project>.iam.gserviceaccount.com
#     Better: remove the need for the key (gcp-user-managed-sa-keys).
#   escalation: Cloud team
#   requires: ["cloudasset:RESOURCE"]
#   iac: N
package rampart.gcp.sa_key_rotation

import data.rampart.lib.gcp.result
import data.rampart.lib.time as clock
import rego.v1

key_type := "iam.googleapis.com/ServiceAccountKey"

max_age := data.rampart.config.thresholds.gcp_sa_key_max_age_days

active(k) if {
	not k.disabled
	not expired(k)
}

expired(k) if {
	k.valid_before != null
	result.past(k.valid_before)
}

results contains r if {
	some k in input.gcp.service_account_keys
	k.key_type == "USER_MANAGED"
	active(k)
	k.valid_after != null
	age := clock.days_since(k.valid_after)
	age > max_age
	r := result.make("FAIL", k.account, k.name, key_type, sprintf("user-managed key of %s is %d days old (more than %d)", [k.service_account, age, max_age]), {"age_days": age, "max_age_days": max_age, "valid_after": k.valid_after})
}

results contains r if {
	some k in input.gcp.service_account_keys
	k.key_type == "USER_MANAGED"
	active(k)
	k.valid_after != null
	age := clock.days_since(k.valid_after)
	age <= max_age
	r := result.make("PASS", k.account, k.name, key_type, sprintf("user-managed key of %s is %d days old", [k.service_account, age]), {"age_days": age, "max_age_days": max_age, "valid_after": k.valid_after})
}

results contains r if {
	some k in input.gcp.service_account_keys
	k.key_type == "USER_MANAGED"
	not active(k)
	r := result.make("PASS", k.account, k.name, key_type, sprintf("user-managed key of %s cannot authenticate (%s)", [k.service_account, why_inactive(k)]), {"disabled": k.disabled, "valid_before": k.valid_before})
}

results contains r if {
	some k in input.gcp.service_account_keys
	k.key_type == "USER_MANAGED"
	active(k)
	is_null(k.valid_after)
	r := result.make("ERROR", k.account, k.name, key_type, sprintf("user-managed key of %s has no creation time in the input", [k.service_account]), {"valid_after": null})
}

results contains r if {
	some k in input.gcp.service_account_keys
	not k.key_type in {"USER_MANAGED", "SYSTEM_MANAGED"}
	r := result.make("ERROR", k.account, k.name, key_type, sprintf("key of %s: the input does not say whether it is user-managed (no keyType)", [k.service_account]), {"key_type": k.key_type, "valid_after": k.valid_after})
}

why_inactive(k) := "disabled" if k.disabled

why_inactive(k) := "expired" if {
	not k.disabled
	expired(k)
}

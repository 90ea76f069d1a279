# METADATA
# title: Service accounts have no user-managed keys
# description: |
#   A user-managed service account key is a long-lived credential that can
#   be copied out of the project and used from anywhere until someone
#   deletes it; Google-managed keys never leave Google. Workloads should
#   authenticate keylessly (attached service accounts, Workload Identity
#   Federation). FAIL for each user-managed key (disabled ones too: they can
#   be re-enabled), PASS for Google-managed keys and for service accounts
#   without user-managed keys; a key whose type the input does not give is
#   ERROR.
# custom:
#   id: gcp-user-managed-sa-keys
#   severity: medium
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.4"]
#   mitre: [T1078.004, T1098.001]
#   remediation: |
#     Move the workload to keyless authentication (an attached service account, or Workload
#     Identity Federation for workloads outside Google Cloud), then disable and delete the key:
#     gcloud iam service-accounts keys disable <key-id> --iam-account=<sa>@<project>.iam.gserviceaccount.com
#     gcloud iam service-accounts keys delete <key-id> --iam-account=<sa>@<project>.iam.gserviceaccount.com
#     and enforce constraints/iam.disableServiceAccountKeyCreation.
#   escalation: Cloud team
#   requires: ["cloudasset:RESOURCE"]
#   iac: Y
package rampart.gcp.user_managed_sa_keys

import data.rampart.lib.gcp.result
import rego.v1

key_type := "iam.googleapis.com/ServiceAccountKey"

keys := object.get(input.gcp, "service_account_keys", [])

results contains r if {
	some k in keys
	k.key_type == "USER_MANAGED"
	r := result.make("FAIL", k.account, k.name, key_type, sprintf("service account %s has a user-managed key%s", [k.service_account, disabled_note(k)]), {"key_type": k.key_type, "disabled": k.disabled, "valid_after": k.valid_after})
}

results contains r if {
	some k in keys
	k.key_type == "SYSTEM_MANAGED"
	r := result.make("PASS", k.account, k.name, key_type, sprintf("key of %s is Google-managed", [k.service_account]), {"key_type": k.key_type})
}

results contains r if {
	some k in keys
	not k.key_type in {"USER_MANAGED", "SYSTEM_MANAGED"}
	r := result.make("ERROR", k.account, k.name, key_type, sprintf("key of %s: the input does not say whether it is user-managed (no keyType)", [k.service_account]), {"key_type": k.key_type})
}

# A service account with no key of its own in the input: PASS only when
# the keys were collected (the requirement turns it into ERROR otherwise).
results contains r if {
	some sa in object.get(input.gcp, "service_accounts", [])
	not has_key(sa)
	r := result.make("PASS", sa.account, sa.name, "iam.googleapis.com/ServiceAccount", sprintf("service account %s has no user-managed key", [sa.email]), {"user_managed_keys": 0})
}

has_key(sa) if {
	some k in keys
	k.service_account in {sa.email, object.get(sa, "unique_id", "")}
	k.key_type != "SYSTEM_MANAGED"
}

disabled_note(k) := " (disabled)" if k.disabled

disabled_note(k) := "" if not k.disabled

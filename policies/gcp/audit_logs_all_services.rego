# METADATA
# title: Data Access audit logs are on for all services, with no exemptions
# description: |
#   Admin Activity logs are always written, but reads of configuration
#   (ADMIN_READ) and of data (DATA_READ, DATA_WRITE) are logged only when an
#   audit config turns them on — without them an investigation cannot say
#   what a stolen identity read. Audit configs are inherited and merged down
#   the hierarchy, so the effective allServices config of a level is the
#   union of its own and its ancestors'; an exempted member anywhere on the
#   chain escapes logging. FAIL when a log type is missing or a member is
#   exempted; ERROR when the chain above a level is not in the input and the
#   level's own config does not already fail.
# custom:
#   id: gcp-audit-logs-all-services
#   severity: medium
#   frameworks:
#     cis-gcp-foundations-2.0: ["2.1"]
#   mitre: [T1562.008]
#   remediation: |
#     Set an allServices audit config with ADMIN_READ, DATA_READ and DATA_WRITE and no exempted members
#     at the organization: gcloud organizations get-iam-policy <org-id> --format=json > policy.json, add
#     {"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_READ"},
#     {"logType": "DATA_WRITE"}]} under auditConfigs, then gcloud organizations set-iam-policy <org-id> policy.json.
#   escalation: CISO + SOC Lead
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.audit_logs_all_services

import data.rampart.lib.gcp.hierarchy
import data.rampart.lib.gcp.result
import rego.v1

wanted := {"ADMIN_READ", "DATA_READ", "DATA_WRITE"}

configs(n) := [lc |
	some ac in object.get(n.iam_policy, "audit_configs", [])
	ac.service == "allServices"
	some lc in ac.audit_log_configs
]

exempted(ns) := {{"member": m, "log_type": lc.log_type, "level": n.name} |
	some n in ns
	some lc in configs(n)
	some m in object.get(lc, "exempted_members", [])
}

enabled(ns) := {lc.log_type | some n in ns; some lc in configs(n)}

complete(c) if {
	hierarchy.known_ancestry(c)
	every n in hierarchy.chain(c) {
		n.iam_policy != null
	}
}

# A policy with null audit_configs holds bindings only (a Terraform plan
# that grants roles on a project without declaring its audit configs):
# its audit configs are not in the input, so nothing is said about them.
levels := [c |
	some c in hierarchy.containers
	c.iam_policy != null
	object.get(c.iam_policy, "audit_configs", null) != null
]

results contains r if {
	some c in levels
	complete(c)
	ns := hierarchy.chain(c)
	missing := wanted - enabled(ns)
	ex := exempted(ns)
	count(missing) + count(ex) > 0
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: allServices audit logging %s", [c.name, problems(missing, ex)]), {"missing_log_types": sort(missing), "exempted": ex})
}

results contains r if {
	some c in levels
	complete(c)
	ns := hierarchy.chain(c)
	count(wanted - enabled(ns)) == 0
	count(exempted(ns)) == 0
	r := result.make("PASS", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: ADMIN_READ, DATA_READ and DATA_WRITE are logged for all services with no exemption", [c.name]), {"levels": [n.name | some n in ns]})
}

# Incomplete chain: the level's own exemptions already fail it.
results contains r if {
	some c in levels
	not complete(c)
	ex := exempted([c])
	count(ex) > 0
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: allServices audit logging %s", [c.name, problems(set(), ex)]), {"exempted": ex})
}

results contains r if {
	some c in levels
	not complete(c)
	count(exempted([c])) == 0
	r := result.make("ERROR", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: effective audit config not decided: %s", [c.name, why_incomplete(c)]), {"own_log_types": sort(enabled([c]))})
}

problems(missing, ex) := concat("; ", [s |
	some s in [
		sprintf("does not log %s", [concat(", ", sort(missing))]),
		sprintf("exempts %s", [concat(", ", sort({e.member | some e in ex}))]),
	]
	not skip(s, missing, ex)
])

skip(s, missing, _) if {
	startswith(s, "does not")
	count(missing) == 0
}

skip(s, _, ex) if {
	startswith(s, "exempts")
	count(ex) == 0
}

why_incomplete(c) := hierarchy.ancestry_note(c) if not hierarchy.known_ancestry(c)

why_incomplete(c) := sprintf("IAM policies of %s were not collected", [concat(", ", [n.name | some n in hierarchy.chain(c); n.iam_policy == null])]) if hierarchy.known_ancestry(c)

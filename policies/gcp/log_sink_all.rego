# METADATA
# title: A sink exports all log entries
# description: |
#   Logs kept only in Cloud Logging's own buckets expire and can be deleted
#   by whoever holds the project; a sink with an empty filter copies every
#   entry to storage the security team controls (BigQuery, Cloud Storage,
#   Pub/Sub). A level is covered by its own enabled sink with an empty
#   filter, or by one on an ancestor with include_children. ERROR when no
#   own sink covers a level and the levels above it are not in the input.
# custom:
#   id: gcp-log-sink-all
#   severity: medium
#   frameworks:
#     cis-gcp-foundations-2.0: ["2.2"]
#   mitre: [T1562.008]
#   remediation: |
#     Create an aggregated sink at the organization that keeps everything:
#     gcloud logging sinks create all-logs bigquery.googleapis.com/projects/<project>/datasets/<dataset> --organization=<org-id> --include-children
#     and grant its writer identity access to the destination.
#   escalation: CISO + SOC Lead
#   requires: ["cloudasset:RESOURCE"]
#   iac: Y
package rampart.gcp.log_sink_all

import data.rampart.lib.gcp.hierarchy
import data.rampart.lib.gcp.result
import rego.v1

exports_all(s) if {
	trim_space(s.filter) == ""
	not s.disabled
}

own(c) := [s.name | some s in input.gcp.log_sinks; s.parent == c.name; exports_all(s)]

inherited(c) := [s.name |
	some a in c.ancestors
	some s in input.gcp.log_sinks
	s.parent == a
	s.include_children
	exports_all(s)
]

results contains r if {
	some c in hierarchy.containers
	count(own(c)) > 0
	r := result.make("PASS", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: sink %s exports all log entries", [c.name, own(c)[0]]), {"sinks": own(c)})
}

results contains r if {
	some c in hierarchy.containers
	count(own(c)) == 0
	hierarchy.known_ancestry(c)
	count(inherited(c)) > 0
	r := result.make("PASS", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: aggregated sink %s exports all log entries", [c.name, inherited(c)[0]]), {"sinks": inherited(c)})
}

results contains r if {
	some c in hierarchy.containers
	count(own(c)) == 0
	hierarchy.known_ancestry(c)
	count(inherited(c)) == 0
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: no sink with an empty filter covers it", [c.name]), {"sinks": [s.name | some s in input.gcp.log_sinks; s.parent == c.name]})
}

results contains r if {
	some c in hierarchy.containers
	count(own(c)) == 0
	not hierarchy.known_ancestry(c)
	r := result.make("ERROR", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: has no sink of its own exporting everything, and %s", [c.name, hierarchy.ancestry_note(c)]), {})
}

# METADATA
# description: |
#   The GCP controls' result builder. It returns the object shape every
#   provider's results share (status, account, region, resource,
#   resource_type, message, evidence); GCP identity resources are global,
#   so region is always "". account is the project ID, "folders/N" or
#   "organizations/N"; resource is the CAI full resource name.
package rampart.lib.gcp.result

import data.rampart.lib.time as clock
import rego.v1

make(status, account, resource, type, message, evidence) := {
	"status": status,
	"account": account,
	"region": "",
	"resource": resource,
	"resource_type": type,
	"message": message,
	"evidence": evidence,
}


# past holds for an RFC 3339 time at or before "now". Google writes "never"
# as 9999-12-31T23:59:59Z (a user-managed key's valid_before), which is
# beyond what nanosecond time can hold: such times are never past.
past(ts) if {
	to_number(substring(ts, 0, 4)) < 2262
	time.parse_rfc3339_ns(ts) <= clock.now_ns
}

# METADATA
# description: |
#   The GCP controls' result builder, over the shared one: GCP identity
#   resources are global, so region is always "". account is the project ID, "folders/N" or
#   "organizations/N"; resource is the CAI full resource name.
package rampart.lib.gcp.result

import data.rampart.lib.result as lib_result
import data.rampart.lib.time as clock
import rego.v1

make(status, account, resource, type, message, evidence) := lib_result.make(status, account, "", resource, type, message, evidence)


# past holds for an RFC 3339 time at or before "now". Google writes "never"
# as 9999-12-31T23:59:59Z (a user-managed key's valid_before), which is
# beyond what nanosecond time can hold: such times are never past.
past(ts) if {
	to_number(substring(ts, 0, 4)) < 2262
	time.parse_rfc3339_ns(ts) <= clock.now_ns
}

# METADATA
# description: |
#   What a CloudTrail trail records, read from its status and from either
#   form of its event selectors. A trail "covers the account" when it is
#   multi-region, logging, and records management events, both read and
#   write. covers(trail) is "yes", "no" or "unknown": unknown when the
#   status or the selectors were not collected, so that a control can
#   refuse to PASS on it.
package rampart.lib.aws.trails

import rego.v1

# management_access is the set of management-event kinds ("read",
# "write") the trail's selectors record.
management_access(trail) := basic_access(trail) | advanced_access(trail)

# Basic selectors: IncludeManagementEvents with ReadWriteType All, or a
# ReadOnly and a WriteOnly selector together.
basic_access(trail) := {kind |
	some s in trail.event_selectors
	s.IncludeManagementEvents == true
	some kind in rw_kinds[s.ReadWriteType]
} if is_array(trail.event_selectors)

default basic_access(_) := set()

rw_kinds := {"All": {"read", "write"}, "ReadOnly": {"read"}, "WriteOnly": {"write"}}

# Advanced selectors: a selector with eventCategory = Management records
# read and write events unless a readOnly field narrows it. A selector
# that picks event sources (eventSource Equals / StartsWith) records only
# those services and does not count; excluding a few noisy sources
# (NotEquals, NotStartsWith, e.g. kms.amazonaws.com) still counts, as an
# ExcludeManagementEventSources basic selector does for CIS.
advanced_access(trail) := {kind |
	some s in trail.advanced_event_selectors
	management_selector(s)
	not picks_sources(s)
	some kind in readonly_kinds(s)
} if is_array(trail.advanced_event_selectors)

default advanced_access(_) := set()

management_selector(s) if {
	some f in s.FieldSelectors
	f.Field == "eventCategory"
	"Management" in object.get(f, "Equals", [])
}

picks_sources(s) if {
	some f in s.FieldSelectors
	f.Field == "eventSource"
	some op in ["Equals", "StartsWith", "EndsWith"]
	count(object.get(f, op, [])) > 0
}

readonly_kinds(s) := {"read", "write"} if {
	not readonly_field(s)
}

readonly_kinds(s) := {kind |
	some f in s.FieldSelectors
	f.Field == "readOnly"
	some v in object.get(f, "Equals", [])
	kind := {"true": "read", "false": "write"}[lower(v)]
} | {kind |
	some f in s.FieldSelectors
	f.Field == "readOnly"
	some v in object.get(f, "NotEquals", [])
	kind := {"true": "write", "false": "read"}[lower(v)]
} if readonly_field(s)

readonly_field(s) if {
	some f in s.FieldSelectors
	f.Field == "readOnly"
}

# selectors_known: GetEventSelectors answered (a trail returns one form or
# the other; both null means the call was not made or failed).
selectors_known(trail) if is_array(trail.event_selectors)

selectors_known(trail) if is_array(trail.advanced_event_selectors)

records_management(trail) if management_access(trail) == {"read", "write"}

# covers is the verdict on one trail.
covers(trail) := "yes" if {
	trail.multi_region
	trail.is_logging == true
	records_management(trail)
} else := "no" if {
	not trail.multi_region
} else := "no" if {
	trail.is_logging == false
} else := "no" if {
	selectors_known(trail)
	not records_management(trail)
} else := "unknown"

# summary is a trail's evidence.
summary(trail) := {
	"trail": trail.arn,
	"multi_region": trail.multi_region,
	"is_logging": trail.is_logging,
	"management_events": sort([k | some k in management_access(trail)]),
	"selectors_collected": selectors_known_bool(trail),
	"verdict": covers(trail),
}

selectors_known_bool(trail) if selectors_known(trail)

default selectors_known_bool(_) := false

# owner_account is the account ID in a trail's ARN.
owner_account(trail) := split(trail.arn, ":")[4]

# judged_in: each trail is judged once, in the account that owns it; a
# trail whose owner was not scanned (an organization trail seen from a
# member account) is judged in every scanned account that lists it.
judged_in(trail, account) if owner_account(trail) == account.account_id

# A trail named by a Terraform address (plan input) has no ARN until it is
# created: it belongs to the account the plan describes.
judged_in(trail, account) if not startswith(trail.arn, "arn:")

judged_in(trail, account) if {
	owner := owner_account(trail)
	not owner in {a.account_id | some a in input.aws.accounts}
}

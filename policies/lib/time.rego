# METADATA
# description: |
#   Time for time-based controls. "Now" is the snapshot's collected_at, or
#   the --now override, never the wall clock: the same snapshot gives the
#   same results on any day.
package rampart.lib.time

import rego.v1

ns_per_day := ((24 * 60) * 60) * 1000000000

# now_ns is the evaluation's "now" in nanoseconds.
now_ns := time.parse_rfc3339_ns(data.rampart.now) if {
	data.rampart.now != ""
} else := time.parse_rfc3339_ns(input.collected_at)

# days_since is the number of whole days from ts (RFC 3339) to now. rampart
# computes it once per snapshot in Go for every timestamp of the input and
# serves it at data.rampart.analysis.days: OPA evaluates the formula below
# on big numbers (nanosecond timestamps are above 2^53), about 15 µs a
# date, where the lookup is a fraction of that. Elsewhere (opa eval, opa
# test), and for a string the table does not hold (one that does not
# parse: time.parse_rfc3339_ns then fails, and the engine turns the
# control's results into ERROR), the formula runs here.
days_since(ts) := d if {
	d := data.rampart.analysis.days[ts]
} else := floor((now_ns - time.parse_rfc3339_ns(ts)) / ns_per_day)

# days_or_null is days_since(ts), or null when ts is null: one call where
# a control would otherwise need a rule per case.
days_or_null(ts) := d if {
	d := data.rampart.analysis.days[ts]
} else := floor((now_ns - time.parse_rfc3339_ns(ts)) / ns_per_day) if {
	ts != null
} else := null

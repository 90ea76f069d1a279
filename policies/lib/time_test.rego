package rampart.lib.time_test

import data.rampart.lib.time
import rego.v1

snap := {"collected_at": "2026-11-30T12:00:00Z"}

# Days are read from the table rampart computes in Go when it is there: a
# string the formula could not parse proves the lookup was taken.
test_days_are_looked_up_in_the_table if {
	time.days_since("x") == 7 with input as snap with data.rampart.analysis.days as {"x": 7}
	time.days_or_null("x") == 7 with input as snap with data.rampart.analysis.days as {"x": 7}
}

# Without the table (opa eval, opa test), or for a string it lacks, the
# formula gives the same whole days; null stays null.
test_days_fall_back_to_the_formula if {
	time.days_since("2026-11-20T13:00:00Z") == 9 with input as snap
	time.days_since("2026-11-20T12:00:00Z") == 10 with input as snap with data.rampart.analysis.days as {"x": 7}
	time.days_or_null("2026-11-29T12:00:00Z") == 1 with input as snap
	time.days_or_null(null) == null with input as snap with data.rampart.analysis.days as {"x": 7}
}

# "now" is the override when one is given.
test_now_is_the_override if {
	time.days_since("2026-11-20T12:00:00Z") == 20 with input as snap with data.rampart.now as "2026-12-10T12:00:00Z"
}

# METADATA
# description: |
#   CIS section 4 alarms: a CloudWatch Logs metric filter on the log group
#   that a covering trail (multi-region, logging, all management events)
#   delivers to, whose pattern matches at least every event the CIS
#   pattern matches, and a CloudWatch alarm with enabled actions on the
#   filter's metric.
#
#   How strict the pattern match is: a filter pattern is read, not
#   compared as text. rampart understands a pattern that is one term, or
#   terms joined all by && or all by || (spacing, quotes, parentheses and
#   term order do not matter); a term is `$.field = value`,
#   `$.field != value` or `$.field NOT EXISTS`, and a value may use `*`
#   wildcards. A pattern mixing && and || is not read, and does not count.
#   - An "and" spec (root usage, console sign-in without MFA) is matched by
#     a conjunction whose terms are all implied by the CIS pattern (its own
#     terms, or wider `=` values with wildcards) and that keeps the core
#     terms: dropping CIS's noise-reducing terms only widens the filter, any
#     other term could narrow it and is refused.
#   - An "or" spec (IAM policy changes, CloudTrail changes) is matched by a
#     disjunction that has an `$.eventName = X` term matching every CIS
#     event; more events or other alternatives only widen it.
#   So a FAIL can mean "a filter exists but rampart cannot prove it covers
#   the CIS events"; the evidence lists the filters it read and why each
#   did not count.
package rampart.lib.aws.alarms

import data.rampart.lib.aws.iam
import data.rampart.lib.aws.trails
import rego.v1

# parse reads a filter pattern into {"op": "and"|"or", "terms": [...]}.
# Undefined for patterns outside the grammar above.
parse(pattern) := {"op": op, "terms": terms} if {
	body := trim_space(trim_suffix(trim_prefix(trim_space(pattern), "{"), "}"))
	op := operator(body)
	parts := split_by(body, op)
	terms := [t | some p in parts; t := term(p)]
	count(terms) == count(parts)
}

operator(body) := "and" if {
	contains(body, "&&")
	not contains(body, "||")
}

operator(body) := "or" if {
	contains(body, "||")
	not contains(body, "&&")
}

operator(body) := "and" if {
	not contains(body, "&&")
	not contains(body, "||")
}

split_by(body, "and") := split(body, "&&")

split_by(body, "or") := split(body, "||")

# term reads one comparison, its parentheses and spacing removed.
term(raw) := {"field": m[1], "op": "NOT EXISTS", "value": ""} if {
	t := trim(raw, " ()\t\n")
	m := regex.find_all_string_submatch_n(`^\$\.([A-Za-z0-9_.\-]+)\s+NOT\s+EXISTS$`, t, 1)[0]
}

term(raw) := {"field": m[1], "op": op, "value": unquote(trim_space(m[3]))} if {
	t := trim(raw, " ()\t\n")
	m := regex.find_all_string_submatch_n(`^\$\.([A-Za-z0-9_.\-]+)\s*(!=|==|=)\s*(.+)$`, t, 1)[0]
	op := {"=": "=", "==": "=", "!=": "!="}[m[2]]
}

unquote(v) := trim_suffix(trim_prefix(v, `"`), `"`)

# implies: the CIS term c implies the filter term t (t is c or wider). A
# filter value's only wildcard is "*"; "[" or "{" are literal (glob.match
# would fail on them).
implies(c, t) if {
	t.field == c.field
	t.op == c.op
	t.op == "="
	iam.wildcard_match(t.value, c.value)
}

implies(c, t) if {
	t.field == c.field
	t.op == c.op
	t.op != "="
	t.value == c.value
}

# why_not says why a parsed pattern does not match spec; empty when it does.
why_not(spec, parsed) := ["terms are joined with || where CIS joins them with &&"] if {
	spec.kind == "and"
	parsed.op == "or"
	count(parsed.terms) > 1
}

why_not(spec, parsed) := reasons if {
	spec.kind == "and"
	not or_of_many(parsed)
	narrowing := [sprintf("term $.%s %s %s is not in the CIS pattern", [t.field, t.op, t.value]) |
		some t in parsed.terms
		not some_cis_term_implies(spec, t)
	]
	missing := [sprintf("missing $.%s %s %s", [c.field, c.op, c.value]) |
		some c in spec.core
		not some_term_implied_by(parsed, c)
	]
	reasons := array.concat(narrowing, missing)
}

why_not(spec, parsed) := ["terms are joined with && where CIS lists alternatives with ||"] if {
	spec.kind == "or"
	parsed.op == "and"
	count(parsed.terms) > 1
}

why_not(spec, parsed) := reasons if {
	spec.kind == "or"
	not and_of_many(parsed)
	reasons := [sprintf("event %s not matched", [e]) |
		some e in spec.events
		not event_matched(parsed, e)
	]
}

or_of_many(parsed) if {
	parsed.op == "or"
	count(parsed.terms) > 1
}

and_of_many(parsed) if {
	parsed.op == "and"
	count(parsed.terms) > 1
}

some_cis_term_implies(spec, t) if {
	some c in array.concat(spec.core, spec.optional)
	implies(c, t)
}

some_term_implied_by(parsed, c) if {
	some t in parsed.terms
	implies(c, t)
}

event_matched(parsed, e) if {
	some t in parsed.terms
	implies({"field": "eventName", "op": "=", "value": e}, t)
}

# filter_reasons: why a filter's pattern does not count (empty: it does).
filter_reasons(spec, pattern) := why_not(spec, parse(pattern))

default filter_reasons(_, _) := ["pattern not understood (see the control's description for the grammar rampart reads)"]

# log_group_location splits a trail's log group ARN
# (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*).
log_group_location(arn) := {"account": p[4], "region": p[3], "name": p[6]} if {
	p := split(arn, ":")
	count(p) >= 7
	p[5] == "log-group"
}

# destinations are the log groups covering trails deliver to, seen from
# account.
destinations(account) := {loc |
	some t in account.trails
	trails.covers(t) == "yes"
	t.cloudwatch_logs_log_group_arn != ""
	loc := log_group_location(t.cloudwatch_logs_log_group_arn)
}

# region_data finds the collected region of a scanned account.
region_data(loc) := region if {
	some a in input.aws.accounts
	a.account_id == loc.account
	some region in a.regions
	region.name == loc.region
}

known(loc) if {
	region := region_data(loc)
	region.metric_filters != null
	region.alarms != null
}

# alarmed_filters lists, at a destination, the filters whose pattern
# matches spec and whose metric has an alarm with enabled actions.
alarmed_filters(spec, loc) := [{"filter": f.name, "alarms": alarms} |
	region := region_data(loc)
	some f in region.metric_filters
	f.log_group == loc.name
	count(filter_reasons(spec, f.pattern)) == 0
	alarms := [a.name |
		some a in region.alarms
		some m in f.metric_transformations
		a.metric_name == m.metric_name
		a.namespace == m.metric_namespace
		notifies(a)
	]
	count(alarms) > 0
]

# notifies: the alarm has actions and they are enabled (a null action
# list is none).
notifies(alarm) if {
	alarm.actions_enabled
	is_array(alarm.alarm_actions)
	count(alarm.alarm_actions) > 0
}

# examined describes every filter on a destination, for evidence.
examined(spec, loc) := [{"filter": f.name, "pattern": f.pattern, "problems": filter_reasons(spec, f.pattern)} |
	region := region_data(loc)
	some f in region.metric_filters
	f.log_group == loc.name
]

# verdict is the result of an alarm control for one account:
# {"status", "message", "evidence"}.
verdict(spec, account) := {"status": "PASS", "message": sprintf("%s: metric filter and alarm on log group %s (%s, %s)", [spec.what, loc.name, loc.account, loc.region]), "evidence": evidence(spec, account)} if {
	loc := alarmed_destinations(spec, account)[0]
} else := {"status": "ERROR", "message": sprintf("%s: not decided, %s", [spec.what, concat("; ", unknowns(account))]), "evidence": evidence(spec, account)} if {
	count(unknowns(account)) > 0
} else := {"status": "FAIL", "message": sprintf("%s: %s", [spec.what, failure(account)]), "evidence": evidence(spec, account)}

# alarmed_destinations lists, sorted, the destinations with a matching,
# alarmed filter; the first names the PASS.
alarmed_destinations(spec, account) := sort([loc |
	some loc in destinations(account)
	count(alarmed_filters(spec, loc)) > 0
])

unknowns(account) := array.concat(
	[sprintf("trail %s: logging status or event selectors not collected", [t.name]) |
		some t in account.trails
		trails.covers(t) == "unknown"
	],
	[sprintf("log group %s is in %s %s, whose metric filters or alarms were not collected", [loc.name, loc.account, loc.region]) |
		some loc in destinations(account)
		not known(loc)
	],
)

failure(account) := "no multi-region, logging trail recording all management events delivers to CloudWatch Logs" if {
	count(destinations(account)) == 0
} else := "no metric filter with a matching pattern and an alarm with actions on the trail's log group"

evidence(spec, account) := {
	"trails": [trails.summary(t) | some t in account.trails],
	"log_groups": [{
		"log_group": loc.name, "account": loc.account, "region": loc.region,
		"filters": examined(spec, loc),
		"alarmed_filters": alarmed_filters(spec, loc),
	} |
		some loc in destinations(account)
		known(loc)
	],
}

package rampart.aws.unused_role_test

import data.rampart.aws.unused_role
import rego.v1

now := "2026-11-01T12:00:00Z"

role(name, fields) := object.union(
	{
		"name": name, "arn": sprintf("arn:aws:iam::111111111111:role/%s", [name]), "path": "/",
		"service_linked": false, "created": "2025-01-01T00:00:00Z", "last_used": {"date": null},
	},
	fields,
)

account(roles) := {"collected_at": now, "aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": roles}]}}

only(r0) := r if {
	rs := unused_role.results with input as account([r0])
	count(rs) == 1
	some r in rs
}

test_fails_never_used_old_role if {
	only(role("legacy-etl", {})).status == "FAIL"
}

test_fails_last_used_long_ago if {
	r := only(role("legacy-etl", {"last_used": {"date": "2026-05-01T00:00:00Z", "region": "eu-west-1"}}))
	r.status == "FAIL"
	r.evidence.days_since_last_use == 184
}

test_passes_recently_used if {
	only(role("ops", {"last_used": {"date": "2026-10-30T00:00:00Z"}})).status == "PASS"
}

# A role created 10 days ago and never used is not unused yet.
test_passes_young_never_used if {
	only(role("new", {"created": "2026-10-22T00:00:00Z"})).status == "PASS"
}

# 89 days since last use passes, 90 fails; creation age likewise.
test_boundary if {
	only(role("b", {"last_used": {"date": "2026-08-04T12:00:00Z"}})).status == "PASS"
	only(role("b", {"last_used": {"date": "2026-08-03T12:00:00Z"}})).status == "FAIL"
	only(role("c", {"created": "2026-08-04T12:00:00Z"})).status == "PASS"
	only(role("c", {"created": "2026-08-03T12:00:00Z"})).status == "FAIL"
}

test_threshold_from_config if {
	r := only(role("ops", {"last_used": {"date": "2026-10-01T00:00:00Z"}})) with data.rampart.config.thresholds.unused_role_days as 14
	r.status == "FAIL"
}

# Service-linked roles get no result, by flag or by path.
test_service_linked_exempt if {
	count(unused_role.results) == 0 with input as account([
		role("AWSServiceRoleForSupport", {"service_linked": true}),
		role("AWSServiceRoleForConfig", {"path": "/aws-service-role/config.amazonaws.com/"}),
	])
}

test_error_when_last_use_not_collected if {
	only(role("x", {"last_used": null})).status == "ERROR"
}

test_error_when_created_unknown if {
	only(role("x", {"created": null})).status == "ERROR"
}

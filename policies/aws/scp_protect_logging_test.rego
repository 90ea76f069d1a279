package rampart.aws.scp_protect_logging_test

import data.rampart.aws.scp_protect_logging
import rego.v1

root_target := {"id": "r-1", "type": "ROOT"}

protect := {"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail"], "Resource": "*"}

scp(name, statements, targets) := {"id": name, "name": name, "type": "SERVICE_CONTROL_POLICY", "document": {"Statement": statements}, "targets": targets}

org(policies) := {"aws": {"accounts": [], "organization": {
	"id": "o-1", "arn": "arn:aws:organizations::111111111111:organization/o-1",
	"management_account_id": "111111111111",
	"accounts": [{"id": "111111111111", "parents": ["r-1"]}, {"id": "222222222222", "parents": ["r-1", "ou-w"]}],
	"policies": policies,
}}}

result(policies) := r if {
	some r in scp_protect_logging.results with input as org(policies)
	r.account == "222222222222"
}

test_passes_explicit_actions if {
	result([scp("p", [protect], [root_target])]).status == "PASS"
}

test_passes_service_wildcard if {
	result([scp("p", [object.union(protect, {"Action": "cloudtrail:*"})], [root_target])]).status == "PASS"
}

test_passes_mixed_case_and_prefix_wildcards if {
	s := object.union(protect, {"Action": ["CloudTrail:Stop*", "cloudtrail:delete*", "cloudtrail:Update*"]})
	result([scp("p", [s], [root_target])]).status == "PASS"
}

# NotAction: denies everything except the listed actions.
test_passes_not_action_not_exempting if {
	s := {"Effect": "Deny", "NotAction": ["cloudtrail:LookupEvents", "cloudtrail:Describe*"], "Resource": "*"}
	result([scp("p", [s], [root_target])]).status == "PASS"
}

test_fails_not_action_exempting_stop if {
	s := {"Effect": "Deny", "NotAction": "cloudtrail:StopLogging", "Resource": "*"}
	r := result([scp("p", [s], [root_target])])
	r.status == "FAIL"
	r.evidence.missing == ["cloudtrail:StopLogging"]
}

# The actions may come from two SCPs at different levels.
test_passes_split_across_policies if {
	a := object.union(protect, {"Action": "cloudtrail:StopLogging"})
	b := object.union(protect, {"Action": ["cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail"]})
	result([scp("a", [a], [root_target]), scp("b", [b], [{"id": "ou-w", "type": "ORGANIZATIONAL_UNIT"}])]).status == "PASS"
}

test_fails_missing_update_trail if {
	s := object.union(protect, {"Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]})
	r := result([scp("p", [s], [root_target])])
	r.status == "FAIL"
	r.evidence.missing == ["cloudtrail:UpdateTrail"]
}

test_passes_break_glass_exemption if {
	s := object.union(protect, {"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/break-glass"}}})
	r := result([scp("p", [s], [root_target])])
	r.status == "PASS"
	r.evidence.denials[0].exemptions[0].key == "aws:principalarn"
}

test_fails_other_condition if {
	s := object.union(protect, {"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}})
	result([scp("p", [s], [root_target])]).status == "FAIL"
}

test_passes_trail_arn_pattern if {
	s := object.union(protect, {"Resource": "arn:aws:cloudtrail:*:*:trail/*"})
	result([scp("p", [s], [root_target])]).status == "PASS"
}

test_fails_single_trail_resource if {
	s := object.union(protect, {"Resource": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"})
	result([scp("p", [s], [root_target])]).status == "FAIL"
}

test_fails_not_attached if {
	result([scp("p", [protect], [])]).status == "FAIL"
}

test_error_unparsed if {
	p := object.union(scp("p", [], [root_target]), {"document": null, "document_error": "bad"})
	result([p]).status == "ERROR"
}

# Characters glob gives meaning to are literal in IAM: an action with an
# unclosed "{" or "[" covers nothing, and exempts nothing.
test_fails_action_with_glob_syntax if {
	s := object.union(protect, {"Action": ["cloudtrail:{Stop", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail"]})
	r := result([scp("p", [s], [root_target])])
	r.status == "FAIL"
	r.evidence.missing == ["cloudtrail:StopLogging"]
}

test_passes_not_action_with_glob_syntax if {
	s := {"Effect": "Deny", "NotAction": ["cloudtrail:[Stop", "cloudtrail:Describe*"], "Resource": "*"}
	result([scp("p", [s], [root_target])]).status == "PASS"
}

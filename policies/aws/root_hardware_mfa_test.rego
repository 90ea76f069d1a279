package rampart.aws.root_hardware_mfa_test

import data.rampart.aws.root_hardware_mfa
import rego.v1

arn := "arn:aws:iam::111111111111:root"

account(root) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "root": root}]}}

only(root) := r if {
	rs := root_hardware_mfa.results with input as account(root)
	count(rs) == 1
	some r in rs
}

test_passes_with_hardware_key if {
	r := only({"arn": arn, "mfa_active": true, "mfa_devices": [{"type": "hardware"}]})
	r.status == "PASS"
	r.resource == arn
}

test_fails_with_virtual_only if {
	r := only({"arn": arn, "mfa_active": true, "mfa_devices": [{"type": "virtual", "serial": "arn:aws:iam::111111111111:mfa/root-account-mfa-device"}]})
	r.status == "FAIL"
	r.evidence.mfa_device_types == ["virtual"]
}

# A hardware key beside a virtual one is enough: root can sign in with it.
test_passes_with_virtual_and_hardware if {
	r := only({"arn": arn, "mfa_active": true, "mfa_devices": [{"type": "virtual"}, {"type": "hardware"}]})
	r.status == "PASS"
}

test_fails_without_mfa if {
	r := only({"arn": arn, "mfa_active": false, "mfa_devices": []})
	r.status == "FAIL"
}

test_error_when_devices_not_collected if {
	r := only({"arn": arn, "mfa_active": true, "mfa_devices": null})
	r.status == "ERROR"
}

# A root user that is not in the snapshot is ERROR, not silence (the engine
# adds the reason when a failed call explains it).
test_error_when_root_not_collected if {
	[r] := [r | some r in root_hardware_mfa.results] with input as account(null)
	r.status == "ERROR"
	r.resource == "arn:aws:iam::111111111111:root"
}

test_error_when_no_device_listed if {
	r := only({"arn": arn, "mfa_active": true, "mfa_devices": []})
	r.status == "ERROR"
}

package rampart.gcp.user_managed_sa_keys_test

import data.rampart.gcp.user_managed_sa_keys as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

key(n, t) := {
	"name": sprintf("%s/keys/%s", [world.sa_name("app@prod-app.iam.gserviceaccount.com"), n]),
	"account": "prod-app", "service_account": "app@prod-app.iam.gserviceaccount.com",
	"key_type": t, "valid_after": "2026-01-01T00:00:00Z", "valid_before": null, "disabled": n == "k-disabled", "activity": null,
}

snap := world.gcp(world.levels, {
	"service_accounts": [world.sa("app@prod-app.iam.gserviceaccount.com"), world.sa("clean@prod-app.iam.gserviceaccount.com")],
	"service_account_keys": [key("k-user", "USER_MANAGED"), key("k-sys", "SYSTEM_MANAGED"), key("k-disabled", "USER_MANAGED"), key("k-unknown", "")],
})

test_user_managed_key_fails if {
	s := world.statuses(c.results) with input as snap
	s[key("k-user", "").name] == {"FAIL"}
}

test_disabled_user_managed_key_still_fails if {
	rs := c.results with input as snap
	some r in rs
	r.resource == key("k-disabled", "").name
	r.status == "FAIL"
	contains(r.message, "(disabled)")
}

test_system_managed_key_passes if {
	s := world.statuses(c.results) with input as snap
	s[key("k-sys", "").name] == {"PASS"}
}

test_unknown_key_type_is_error if {
	s := world.statuses(c.results) with input as snap
	s[key("k-unknown", "").name] == {"ERROR"}
}

test_account_with_keys_gets_no_pass_of_its_own if {
	s := world.statuses(c.results) with input as snap
	not s[world.sa_name("app@prod-app.iam.gserviceaccount.com")]
	s[world.sa_name("clean@prod-app.iam.gserviceaccount.com")] == {"PASS"}
}

test_key_of_undescribed_account_is_judged if {
	only_key := world.gcp(world.levels, {"service_account_keys": [key("k-user", "USER_MANAGED")]})
	s := world.statuses(c.results) with input as only_key
	s == {key("k-user", "").name: {"FAIL"}}
}

package rampart.gcp.sa_key_rotation_test

import data.rampart.gcp.sa_key_rotation as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

key(n, t, after, before, disabled) := {
	"name": sprintf("//iam.googleapis.com/projects/prod-app/serviceAccounts/app@prod-app.iam.gserviceaccount.com/keys/%s", [n]),
	"account": "prod-app", "service_account": "app@prod-app.iam.gserviceaccount.com",
	"key_type": t, "valid_after": after, "valid_before": before, "disabled": disabled, "activity": null,
}

# collected_at is 2026-03-01.
keys := [
	key("old", "USER_MANAGED", "2025-11-01T00:00:00Z", "9999-12-31T23:59:59Z", false), # 120 days
	key("edge", "USER_MANAGED", "2025-12-01T00:00:00Z", null, false), # exactly 90 days
	key("young", "USER_MANAGED", "2026-02-01T00:00:00Z", null, false),
	key("old-disabled", "USER_MANAGED", "2025-01-01T00:00:00Z", null, true),
	key("old-expired", "USER_MANAGED", "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z", false),
	key("old-system", "SYSTEM_MANAGED", "2025-01-01T00:00:00Z", null, false),
	key("old-untyped", "", "2025-01-01T00:00:00Z", null, false),
	key("no-time", "USER_MANAGED", null, null, false),
]

snap := world.gcp(world.levels, {"service_account_keys": keys})

st := s if {
	s := world.statuses(c.results) with input as snap
}

name(n) := key(n, "", null, null, false).name

test_old_key_fails if {
	s := st
	s[name("old")] == {"FAIL"}
}

test_key_of_exactly_the_limit_passes if {
	s := st
	s[name("edge")] == {"PASS"}
}

test_young_key_passes if {
	s := st
	s[name("young")] == {"PASS"}
}

test_disabled_and_expired_keys_pass if {
	s := st
	s[name("old-disabled")] == {"PASS"}
	s[name("old-expired")] == {"PASS"}
}

test_system_managed_keys_are_not_judged if {
	s := st
	not s[name("old-system")]
}

test_untyped_and_undated_keys_are_errors if {
	s := st
	s[name("old-untyped")] == {"ERROR"}
	s[name("no-time")] == {"ERROR"}
}

test_threshold_comes_from_config if {
	s2 := world.statuses(c.results) with input as snap with data.rampart.config.thresholds.gcp_sa_key_max_age_days as 20
	s2[name("young")] == {"FAIL"}
}

test_now_override if {
	s2 := world.statuses(c.results) with input as snap with data.rampart.now as "2026-01-15T00:00:00Z"
	s2[name("old")] == {"PASS"}
}

package rampart.gcp.unused_service_account_test

import data.rampart.gcp.unused_service_account as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

acct(e, activity, disabled) := object.union(world.sa(e), {"activity": activity, "disabled": disabled})

snap := world.gcp(world.levels, {"service_accounts": [
	acct("busy@prod-app.iam.gserviceaccount.com", {"last_authenticated": "2026-02-20T10:00:00Z", "observed_since": "2025-06-01T00:00:00Z"}, false),
	acct("stale@prod-app.iam.gserviceaccount.com", {"last_authenticated": "2025-10-01T00:00:00Z", "observed_since": "2025-06-01T00:00:00Z"}, false),
	acct("never@prod-app.iam.gserviceaccount.com", {"last_authenticated": null, "observed_since": "2025-06-01T00:00:00Z"}, false),
	acct("new-window@prod-app.iam.gserviceaccount.com", {"last_authenticated": null, "observed_since": "2026-02-01T00:00:00Z"}, false),
	acct("off@prod-app.iam.gserviceaccount.com", null, true),
	acct("unknown@prod-app.iam.gserviceaccount.com", null, false),
]})

st := s if {
	s := world.statuses(c.results) with input as snap
}

n(e) := world.sa_name(sprintf("%s@prod-app.iam.gserviceaccount.com", [e]))

test_recently_used_passes if st[n("busy")] == {"PASS"}

test_stale_fails if st[n("stale")] == {"FAIL"}

test_never_used_counts_from_observation_start if {
	st[n("never")] == {"FAIL"}
	st[n("new-window")] == {"PASS"}
}

test_disabled_passes if st[n("off")] == {"PASS"}

test_no_activity_data_is_error_never_pass if st[n("unknown")] == {"ERROR"}

# METADATA
# title: Service accounts are used
# description: |
#   A service account nobody uses still holds its roles and keys: a
#   credential to steal that no one would miss. Activity comes from Policy
#   Analyzer (serviceAccountLastAuthentication); Cloud Asset Inventory and
#   exports do not carry it, so without it every service account is ERROR,
#   never PASS. FAIL when the account has not authenticated for
#   thresholds.gcp_sa_unused_days (90) — counting from the start of the
#   observation period when it never did. Disabled accounts PASS.
# custom:
#   id: gcp-unused-service-account
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004]
#   remediation: |
#     Disable the account, watch for breakage, then delete it:
#     gcloud iam service-accounts disable <sa>@<project>.iam.gserviceaccount.com
#     gcloud iam service-accounts delete <sa>@<project>.iam.gserviceaccount.com
#   escalation: Cloud team
#   requires: ["cloudasset:RESOURCE", "policyanalyzer:serviceAccountLastAuthentication"]
#   iac: N
package rampart.gcp.unused_service_account

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import data.rampart.lib.time as clock
import rego.v1

sa_type := "iam.googleapis.com/ServiceAccount"

limit := data.rampart.config.thresholds.gcp_sa_unused_days

judged contains sa if {
	some sa in input.gcp.service_accounts
	not iam.google_managed(lower(sa.email))
}

# idle_days: days since the last authentication, or since observation
# began when there was none.
idle_days(sa) := clock.days_since(sa.activity.last_authenticated) if sa.activity.last_authenticated != null

idle_days(sa) := clock.days_since(sa.activity.observed_since) if {
	is_null(sa.activity.last_authenticated)
	sa.activity.observed_since != null
}

results contains r if {
	some sa in judged
	sa.disabled
	r := result.make("PASS", sa.account, sa.name, sa_type, sprintf("service account %s is disabled", [sa.email]), {"disabled": true})
}

results contains r if {
	some sa in judged
	not sa.disabled
	sa.activity != null
	d := idle_days(sa)
	d >= limit
	r := result.make("FAIL", sa.account, sa.name, sa_type, sprintf("service account %s has not authenticated for %d days (limit %d)", [sa.email, d, limit]), {"idle_days": d, "last_authenticated": sa.activity.last_authenticated, "observed_since": object.get(sa.activity, "observed_since", null)})
}

results contains r if {
	some sa in judged
	not sa.disabled
	sa.activity != null
	d := idle_days(sa)
	d < limit
	r := result.make("PASS", sa.account, sa.name, sa_type, sprintf("service account %s authenticated %d days ago", [sa.email, d]), {"idle_days": d, "last_authenticated": sa.activity.last_authenticated})
}

results contains r if {
	some sa in judged
	not sa.disabled
	sa.activity != null
	not idle_days(sa)
	r := result.make("ERROR", sa.account, sa.name, sa_type, sprintf("service account %s: no authentication on record and no observation period", [sa.email]), {})
}

results contains r if {
	some sa in judged
	not sa.disabled
	is_null(sa.activity)
	r := result.make("ERROR", sa.account, sa.name, sa_type, sprintf("service account %s: no activity data (Policy Analyzer serviceAccountLastAuthentication was not collected)", [sa.email]), {})
}

# METADATA
# title: Enabled users have signed in within 90 days
# description: |
#   An enabled account nobody uses is a credential nobody watches (pb-16:
#   "unused for 90 days"). An enabled user, member or guest, whose last
#   sign-in (interactive or not) is older than thresholds.azure_inactive_days
#   fails; a user who never signed in is counted from creation, so a new
#   hire is not flagged on day one. Break-glass accounts are reported as
#   exempt. Sign-in activity needs Entra ID P1: without it every result is
#   ERROR naming the licence.
# custom:
#   id: azure-inactive-user
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004]
#   remediation: |
#     Confirm with the owner, then disable the account (Update-MgUser -UserId <id> -AccountEnabled:$false)
#     and remove its roles. Find stale accounts with Graph:
#     GET /v1.0/users?$filter=signInActivity/lastSignInDateTime le <date>&$select=userPrincipalName,signInActivity
#   escalation: Cloud team
#   requires: ["graph:ListUsers", "graph:ListSignInActivity"]
#   iac: N
package rampart.azure.inactive_user

import data.rampart.lib.azure
import data.rampart.lib.time as clock
import rego.v1

type := "Microsoft.Graph/users"

last_seen(user) := max({time.parse_rfc3339_ns(t) |
	some k in ["last_sign_in", "last_non_interactive_sign_in", "last_successful_sign_in"]
	t := user.sign_in_activity[k]
	not is_null(t)
})

# idle_days counts from the last sign-in, or from creation when never.
idle_days(user) := floor((clock.now_ns - last_seen(user)) / clock.ns_per_day) if {
	last_seen(user)
} else := clock.days_since(user.created) if {
	not is_null(user.created)
}

never(user) if not last_seen(user)

judged(tenant, user) if {
	user.account_enabled
	not is_null(user.sign_in_activity)
	not azure.is_break_glass(user)
}

evidence(user) := {"days_inactive": idle_days(user), "never_signed_in": never(user), "sign_in_activity": user.sign_in_activity, "created": user.created, "user_type": user.user_type} if {
	never(user)
} else := {"days_inactive": idle_days(user), "never_signed_in": false, "sign_in_activity": user.sign_in_activity, "user_type": user.user_type}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(tenant, user)
	idle_days(user) >= azure.inactive_days
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s has not signed in for %d days", [user.user_principal_name, idle_days(user)]), evidence(user))
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(tenant, user)
	idle_days(user) < azure.inactive_days
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s signed in %d days ago", [user.user_principal_name, idle_days(user)]), evidence(user))
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(tenant, user)
	not idle_days(user)
	r := azure.result("ERROR", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s never signed in and has no creation date: inactivity unknown", [user.user_principal_name]), {"sign_in_activity": user.sign_in_activity})
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	user.account_enabled
	azure.is_break_glass(user)
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s is a break-glass account: exempt (azure.break_glass_accounts)", [user.user_principal_name]), {"break_glass": true, "exempt": true, "sign_in_activity": user.sign_in_activity})
}

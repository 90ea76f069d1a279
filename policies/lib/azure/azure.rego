# METADATA
# description: |
#   Helpers shared by the Azure controls: results, configuration with its
#   defaults, break-glass accounts, licences and collection errors.
package rampart.lib.azure

import data.rampart.lib.result as lib_result
import rego.v1

# tenant_resource is the resource of results about a tenant as a whole.
tenant_resource(tenant) := sprintf("/tenants/%s", [tenant.tenant_id])

# sub_resource is the resource of results about a subscription as a whole.
sub_resource(sub) := sprintf("/subscriptions/%s", [sub.subscription_id])

# object_resource names a directory object of a tenant ("users", id).
object_resource(tenant, kind, id) := sprintf("/tenants/%s/%s/%s", [tenant.tenant_id, kind, id])

# result builds a result with the shared builder; account is the tenant or
# subscription ID the result belongs to (Azure has no regions in these
# controls).
result(status, account, resource, type, message, evidence) := lib_result.make(status, account, "", resource, type, message, evidence)

# Configuration, with the defaults of config/azureconfig for when the
# section is absent (a policy test, an engine without the section). The
# engine knows no cloud, so it cannot always supply the section; the Go test
# policies/azure_defaults_test.go fails when these defaults and
# azureconfig's differ.
default max_activation_hours := 2

max_activation_hours := data.rampart.config.azure.max_activation_hours

default inactive_days := 90

inactive_days := data.rampart.config.thresholds.azure_inactive_days

default secret_lifetime_days := 365

secret_lifetime_days := data.rampart.config.thresholds.azure_secret_lifetime_days

default trusted_tenants := set()

trusted_tenants := {lower(t) | some t in data.rampart.config.azure.trusted_tenants}

default break_glass_upns := set()

break_glass_upns := {lower(u) | some u in data.rampart.config.azure.break_glass_accounts}

# is_break_glass holds for a user listed in azure.break_glass_accounts.
is_break_glass(user) if lower(user.user_principal_name) in break_glass_upns

# break_glass_ids are the object IDs of the tenant's break-glass accounts.
break_glass_ids(tenant) := {u.id | some u in tenant.users; is_break_glass(u)}

# collection_error describes the failed call of operation for account, for
# controls that say themselves what a gap means (a licence the tenant
# lacks). Undefined when the call did not fail.
collection_error(account, operation) := msg if {
	some e in input.errors
	e.provider == "azure"
	e.account == account
	e.operation == operation
	msg := sprintf("%s %s failed (%s): %s", [e.service, e.operation, e.code, e.message])
}

# gap_reason is collection_error, or a generic reason when no error was
# recorded (a snapshot written by hand, an importer).
gap_reason(account, operation) := msg if {
	msg := collection_error(account, operation)
} else := sprintf("%s was not collected", [operation])

# has_p1/no_p1/no_p2: what the tenant's subscribed SKUs say about the
# licences that gate identity data; none holds when the SKUs are unknown.
no_p1(tenant) if tenant.licences.entra_id_p1 == false

no_p2(tenant) if tenant.licences.entra_id_p2 == false

# far_future holds for a date past what nanosecond time can hold (year
# 2262): the Azure portal's "never expires" writes 2299-12-31.
far_future(ts) if to_number(substring(ts, 0, 4)) >= 2262

# before_now holds for a date earlier than the evaluation's "now".
before_now(ts) if {
	not far_future(ts)
	time.parse_rfc3339_ns(ts) < data.rampart.lib.time.now_ns
}

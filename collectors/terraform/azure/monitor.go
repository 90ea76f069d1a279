package azure

import (
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// activityLogCategories are the categories of the subscription activity
// log: what the category group allLogs stands for.
var activityLogCategories = []string{"Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"}

// defenderPlans are the Defender for Cloud plans azure-defender-plans
// judges (TestDefenderPlansFollowTheControl keeps the lists equal); one the
// plan does not declare is not reported, since it may be set outside the
// plan.
var defenderPlans = []string{"VirtualMachines", "KeyVaults", "StorageAccounts", "Arm", "SqlServers", "Containers"}

func pricingResource(sub, plan string) string {
	return subResource(sub) + "/providers/Microsoft.Security/pricings/" + plan
}

// mapDiagnosticSetting maps azurerm_monitor_diagnostic_setting when its
// target is a subscription (the activity log); settings of other resources
// are not read. Categories come from enabled_log blocks (category, or
// category_group allLogs) and from the older log blocks (with enabled). A
// destination created in the same plan is unknown until apply but will be
// set.
func (b *builder) mapDiagnosticSetting(in tf.Instance) {
	target := known(in, "target_resource_id")
	if target == "" {
		// Whether it is the activity log's cannot be told: the
		// subscription of the provider block stays undecided.
		id := b.subscriptionFor(in, "")
		st := b.sub(id)
		if st.sub.DiagnosticSettings == nil {
			st.sub.DiagnosticSettings = []snapshot.AzureDiagnosticSetting{}
		}
		st.unknown["ListDiagnosticSettings"] = append(st.unknown["ListDiagnosticSettings"], tf.UnknownText("target_resource_id", in.Address))
		return
	}
	id := subscriptionOf(target)
	if id == "" || !strings.EqualFold(strings.TrimSuffix(target, "/"), subResource(id)) {
		return
	}
	st := b.sub(id)
	d := snapshot.AzureDiagnosticSetting{ID: in.Address, Name: in.After.StrOr("name", in.Address), Categories: []snapshot.AzureDiagnosticCategory{}}
	dest := func(attr string) string {
		if v := known(in, attr); v != "" {
			return v
		}
		if tf.UnknownAt(in.Unknown, attr) && b.m.Sets(in, attr) {
			return knownAfterApply
		}
		return ""
	}
	d.WorkspaceID, d.StorageAccountID, d.EventHubRuleID = dest("log_analytics_workspace_id"), dest("storage_account_id"), dest("eventhub_authorization_rule_id")
	seen := map[string]bool{}
	add := func(cat string, enabled bool) {
		if cat != "" && !seen[strings.ToLower(cat)] {
			seen[strings.ToLower(cat)] = true
			d.Categories = append(d.Categories, snapshot.AzureDiagnosticCategory{Category: cat, Enabled: enabled})
		}
	}
	for _, key := range []string{"enabled_log", "log"} {
		if tf.UnknownAt(in.Unknown, key) && b.m.Sets(in, key) {
			st.unknown["ListDiagnosticSettings"] = append(st.unknown["ListDiagnosticSettings"], tf.UnknownText(key, in.Address))
		}
		for i, l := range in.After.Blocks(key) {
			u := tf.UnknownBlock(in.Unknown, key, i)
			if tf.UnknownAt(u, "category") || tf.UnknownAt(u, "category_group") || tf.UnknownAt(u, "enabled") {
				st.unknown["ListDiagnosticSettings"] = append(st.unknown["ListDiagnosticSettings"], tf.UnknownText(key+" category", in.Address))
				continue
			}
			enabled := l.BoolOr("enabled", true)
			if strings.EqualFold(l.Str("category_group"), "allLogs") {
				for _, c := range activityLogCategories {
					add(c, enabled)
				}
			}
			add(l.Str("category"), enabled)
		}
	}
	if st.sub.DiagnosticSettings == nil {
		st.sub.DiagnosticSettings = []snapshot.AzureDiagnosticSetting{}
	}
	st.sub.DiagnosticSettings = append(st.sub.DiagnosticSettings, d)
}

// alertFields are the criteria of azurerm_monitor_activity_log_alert with
// the ARM condition field each one sets.
var alertFields = []struct{ attr, field string }{
	{"category", "category"},
	{"operation_name", "operationName"},
	{"resource_provider", "resourceProvider"},
	{"resource_type", "resourceType"},
	{"resource_group", "resourceGroup"},
	{"resource_id", "resourceId"},
	{"caller", "caller"},
	{"level", "level"},
	{"status", "status"},
	{"sub_status", "subStatus"},
}

// mapActivityLogAlert maps azurerm_monitor_activity_log_alert into the
// subscription its first scope lies in (else the provider block's).
// Each criteria attribute becomes a condition; the plural list forms
// (levels, statuses, ...) become anyOf conditions.
func (b *builder) mapActivityLogAlert(in tf.Instance) {
	scopes := in.After.Strs("scopes")
	id := ""
	if !tf.UnknownAt(in.Unknown, "scopes") && len(scopes) > 0 {
		id = subscriptionOf(scopes[0])
	}
	if id == "" {
		id = b.subscriptionFor(in, "")
	}
	st := b.sub(id)
	a := snapshot.AzureActivityLogAlert{
		ID: in.Address, Name: in.After.StrOr("name", in.Address), Enabled: in.After.BoolOr("enabled", true),
		Scopes: scopes, Conditions: []snapshot.AzureActivityLogCondition{}, ActionGroups: []string{},
	}
	if tf.UnknownAt(in.Unknown, "scopes") {
		st.unknown["ListActivityLogAlerts"] = append(st.unknown["ListActivityLogAlerts"], tf.UnknownText("scopes", in.Address))
	}
	if tf.UnknownAt(in.Unknown, "enabled") && b.m.Sets(in, "enabled") {
		st.unknown["ListActivityLogAlerts"] = append(st.unknown["ListActivityLogAlerts"], tf.UnknownText("enabled", in.Address))
	}
	for i, c := range in.After.Blocks("criteria") {
		u := tf.UnknownBlock(in.Unknown, "criteria", i)
		for _, f := range alertFields {
			if tf.UnknownAt(u, f.attr) {
				st.unknown["ListActivityLogAlerts"] = append(st.unknown["ListActivityLogAlerts"], tf.UnknownText("criteria."+f.attr, in.Address))
				continue
			}
			if v := c.Str(f.attr); v != "" {
				a.Conditions = append(a.Conditions, snapshot.AzureActivityLogCondition{Field: f.field, Equals: v})
			}
			if l := c.Strs(f.attr + "s"); len(l) > 0 && !tf.UnknownAt(u, f.attr+"s") {
				any := snapshot.AzureActivityLogCondition{}
				for _, v := range l {
					any.AnyOf = append(any.AnyOf, snapshot.AzureActivityLogCondition{Field: f.field, Equals: v})
				}
				a.Conditions = append(a.Conditions, any)
			}
		}
	}
	for _, act := range in.After.Blocks("action") {
		if g := act.Str("action_group_id"); g != "" {
			a.ActionGroups = append(a.ActionGroups, g)
		}
	}
	if st.sub.ActivityLogAlerts == nil {
		st.sub.ActivityLogAlerts = []snapshot.AzureActivityLogAlert{}
	}
	st.sub.ActivityLogAlerts = append(st.sub.ActivityLogAlerts, a)
}

// mapPricing maps azurerm_security_center_subscription_pricing (tier,
// resource_type defaulting to VirtualMachines) into the subscription of
// its provider block.
func (b *builder) mapPricing(in tf.Instance) {
	id := b.subscriptionFor(in, "")
	st := b.sub(id)
	plan := in.After.StrOr("resource_type", "VirtualMachines")
	if tf.UnknownAt(in.Unknown, "resource_type") {
		b.unknown(id, "security", "ListPricings", "resource_type", in, subResource(id))
		return
	}
	p := snapshot.AzureDefenderPricing{Name: plan, PricingTier: in.After.Str("tier"), SubPlan: in.After.Str("subplan")}
	if tf.UnknownAt(in.Unknown, "tier") {
		b.unknown(id, "security", "ListPricings", "tier", in, pricingResource(id, plan))
	}
	if st.sub.DefenderPricings == nil {
		st.sub.DefenderPricings = []snapshot.AzureDefenderPricing{}
	}
	st.pricings[strings.ToLower(plan)] = true
	st.sub.DefenderPricings = append(st.sub.DefenderPricings, p)
}

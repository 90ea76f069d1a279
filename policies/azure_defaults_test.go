package policies

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/config/azureconfig"
)

// The Azure controls read their configuration through
// policies/lib/azure/azure.rego, whose `default` rules stand in for the
// azure section when a run's configuration lacks it (an engine built with
// only the AWS section, as collectors/terraform's tests do; a Rego unit
// test). The engine cannot always supply the section — it knows no cloud —
// so the duplication stays, and this test keeps the two copies equal: each
// Rego default, evaluated with no azure section and no thresholds, equals
// what config/azureconfig gives a configuration without an azure: key, and
// every `default` rule of the file is in the table.
func TestAzureRegoDefaultsMatchAzureconfig(t *testing.T) {
	def := config.Default(azureconfig.Section)
	section := def.Section("azure").(*azureconfig.Config)
	asSet := func(l []string) []any {
		out := []any{}
		for _, s := range l {
			out = append(out, s)
		}
		return out
	}
	want := map[string]any{
		"max_activation_hours": section.MaxActivationHours,
		"inactive_days":        def.Thresholds[azureconfig.ThresholdInactiveDays],
		"secret_lifetime_days": def.Thresholds[azureconfig.ThresholdSecretLifetimeDays],
		"trusted_tenants":      asSet(section.TrustedTenants),
		"break_glass_upns":     asSet(section.BreakGlassAccounts),
	}

	mods, _, err := load(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	var lib *ast.Module
	for _, m := range mods {
		if m.Package.Path.String() == "data.rampart.lib.azure" {
			lib = m
		}
	}
	if lib == nil {
		t.Fatal("package rampart.lib.azure not found among the built-in policies")
	}
	var defaults []string
	for _, r := range lib.Rules {
		if r.Default {
			defaults = append(defaults, r.Head.Name.String())
		}
	}
	sort.Strings(defaults)
	var table []string
	for k := range want {
		table = append(table, k)
	}
	sort.Strings(table)
	if !reflect.DeepEqual(defaults, table) {
		t.Fatalf("default rules of rampart.lib.azure are %v, the table checks %v: add the new default and its azureconfig value here", defaults, table)
	}

	opts := []func(*rego.Rego){
		rego.Query("data.rampart.lib.azure"),
		// No azure section and no thresholds: the defaults decide.
		rego.Store(inmem.NewFromObject(map[string]any{"rampart": map[string]any{"config": map[string]any{"thresholds": map[string]any{}}}})),
	}
	for _, m := range mods {
		opts = append(opts, rego.ParsedModule(m))
	}
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluating data.rampart.lib.azure: %v (%d results)", err, len(rs))
	}
	got := rs[0].Expressions[0].Value.(map[string]any)
	for name, w := range want {
		// Compare as JSON: Rego numbers arrive as json.Number, sets as
		// arrays.
		g, _ := json.Marshal(got[name])
		wb, _ := json.Marshal(w)
		if string(g) != string(wb) {
			t.Errorf("rampart.lib.azure default %s is %s, config/azureconfig's default is %s", name, g, wb)
		}
	}
}

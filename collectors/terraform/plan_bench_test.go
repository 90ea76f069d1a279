package terraform_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/policies"
)

// genPlan writes a plan of n resource instances in the shapes real plans
// have: users with inline policies, access keys and group memberships;
// roles in a for_each module with service, cross-account and OIDC trust;
// managed policies attached by reference (policy_arn unknown until
// apply); EC2 instances; an occasional unknown document.
func genPlan(n int) []byte {
	doc := func(stmts ...map[string]any) string {
		b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		return string(b)
	}
	allow := func(action any) map[string]any {
		return map[string]any{"Effect": "Allow", "Action": action, "Resource": "*"}
	}
	trusts := []string{
		doc(map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}}),
		doc(map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"AWS": "arn:aws:iam::999999999999:root"}}),
		doc(map[string]any{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": map[string]any{"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
			"Condition": map[string]any{"StringLike": map[string]any{"token.actions.githubusercontent.com:sub": "repo:acme/app:*"}}}),
	}
	actions := []any{"s3:GetObject", []any{"ec2:Describe*", "iam:Get*"}, "iam:PassRole", "*", []any{"lambda:CreateFunction", "iam:PassRole"}}
	var rcs []map[string]any
	var cfg []map[string]any
	add := func(module, typ, name string, index any, after map[string]any, unknown map[string]any) {
		addr := typ + "." + name
		if index != nil {
			addr += fmt.Sprintf("[%q]", index)
		}
		if module != "" {
			addr = module + "." + addr
		}
		rc := map[string]any{"address": addr, "mode": "managed", "type": typ, "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": unknown}}
		if module != "" {
			rc["module_address"] = module
		}
		if index != nil {
			rc["index"] = index
		}
		rcs = append(rcs, rc)
	}
	ref := func(typ, name, attr string, refs ...string) {
		cfg = append(cfg, map[string]any{"address": typ + "." + name, "mode": "managed", "type": typ, "name": name, "provider_config_key": "aws",
			"expressions": map[string]any{attr: map[string]any{"references": refs}}})
	}
	groups := max(n/100, 1)
	for g := range groups {
		add("", "aws_iam_group", fmt.Sprintf("g%d", g), nil, map[string]any{"name": fmt.Sprintf("g%d", g), "path": "/"}, map[string]any{"arn": true})
	}
	for i := 0; len(rcs) < n; i++ {
		switch i % 6 {
		case 0:
			name := fmt.Sprintf("u%d", i)
			add("", "aws_iam_user", name, nil, map[string]any{"name": name, "path": "/"}, map[string]any{"arn": true, "unique_id": true})
			add("", "aws_iam_user_policy", name, nil, map[string]any{"name": "inline", "user": name, "policy": doc(allow(actions[i%5]))}, map[string]any{"id": true})
			add("", "aws_iam_user_group_membership", name, nil, map[string]any{"user": name, "groups": []any{fmt.Sprintf("g%d", i%groups)}}, map[string]any{"id": true})
			if i%3 == 0 {
				add("", "aws_iam_access_key", name, nil, map[string]any{"user": name, "status": "Active"}, map[string]any{"id": true, "secret": true})
			}
		case 1, 2:
			key := fmt.Sprintf("k%d", i)
			add("module.roles", "aws_iam_role", "r", key, map[string]any{"name": key, "path": "/", "assume_role_policy": trusts[i%3], "max_session_duration": 3600},
				map[string]any{"arn": true, "inline_policy": true, "managed_policy_arns": true})
		case 3:
			name := fmt.Sprintf("p%d", i)
			after := map[string]any{"name": name, "path": "/", "policy": doc(allow(actions[i%5]))}
			unknown := map[string]any{"arn": true, "id": true}
			if i%50 == 3 {
				delete(after, "policy")
				unknown["policy"] = true
			}
			add("", "aws_iam_policy", name, nil, after, unknown)
			add("", "aws_iam_group_policy_attachment", name, nil, map[string]any{"group": fmt.Sprintf("g%d", i%groups)}, map[string]any{"id": true, "policy_arn": true})
			ref("aws_iam_group_policy_attachment", name, "policy_arn", "aws_iam_policy."+name+".arn", "aws_iam_policy."+name)
		case 4:
			tokens := []string{"optional", "required"}[i%2]
			add("", "aws_instance", fmt.Sprintf("i%d", i), nil, map[string]any{"ami": "ami-0123456789abcdef0", "metadata_options": []any{map[string]any{"http_tokens": tokens, "http_endpoint": "enabled"}}},
				map[string]any{"id": true, "arn": true, "metadata_options": []any{map[string]any{}}})
		case 5:
			add("", "aws_s3_bucket", fmt.Sprintf("b%d", i), nil, map[string]any{"bucket": fmt.Sprintf("b%d", i)}, map[string]any{"id": true})
		}
	}
	plan := map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.8", "timestamp": "2026-11-20T10:00:00Z",
		"planned_values": map[string]any{"root_module": map[string]any{}}, "resource_changes": rcs,
		"configuration": map[string]any{
			"provider_config": map[string]any{"aws": map[string]any{"name": "aws", "expressions": map[string]any{
				"region": map[string]any{"constant_value": "eu-west-1"}, "allowed_account_ids": map[string]any{"constant_value": []string{"111111111111"}}}}},
			"root_module": map[string]any{"resources": cfg},
		},
	}
	b, _ := json.Marshal(plan)
	return b
}

func TestGenPlanIsWhatItSays(t *testing.T) {
	data := genPlan(500)
	p, err := tf.Decode("gen.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ResourceChanges) < 500 || len(p.ResourceChanges) > 505 {
		t.Errorf("%d resources", len(p.ResourceChanges))
	}
	s, err := p.Snapshot(tf.Options{Providers: providers()})
	if err != nil {
		t.Fatal(err)
	}
	a := s.AWS.Accounts[0]
	if len(a.Users) == 0 || len(a.Roles) == 0 || len(a.Policies) == 0 || len(a.Regions[0].Instances) == 0 {
		t.Errorf("generated plan lacks shapes: %d users %d roles %d policies", len(a.Users), len(a.Roles), len(a.Policies))
	}
}

// BenchmarkPlan5000 maps a 5,000-resource plan and evaluates every
// built-in control over it: what one `rampart eval plan.json` does after
// start-up (policy compilation is done once, outside the loop, as the CLI
// does it once per process).
func BenchmarkPlan5000(b *testing.B) {
	data := genPlan(5000)
	eng := builtinEngine(b)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		s, err := tf.Map("gen.json", data, tf.Options{Providers: providers(), Now: func() time.Time { return time.Time{} }})
		if err != nil {
			b.Fatal(err)
		}
		in, err := policies.NewInput(s, nil)
		if err != nil {
			b.Fatal(err)
		}
		rs, err := eng.Evaluate(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(rs) == 0 {
			b.Fatal("no results")
		}
	}
}

// BenchmarkMap5000 is the mapping alone.
func BenchmarkMap5000(b *testing.B) {
	data := genPlan(5000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := tf.Map("gen.json", data, tf.Options{Providers: providers()}); err != nil {
			b.Fatal(err)
		}
	}
}

package aws

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

var epoch = func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

func mapPlan(t *testing.T, file string, accountIDs []string) *snapshot.Snapshot {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tf.Map(file, data, tf.Options{Providers: []tf.Provider{New(accountIDs)}, Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The own account is provider configuration: the config's account IDs
// given to New win over the plan's allowed_account_ids.
func TestOwnAccount(t *testing.T) {
	for _, tc := range []struct {
		name string
		ids  []string
		want string
	}{
		{"provider allowed_account_ids", nil, "111111111111"},
		{"config aws.account_ids first", []string{"333333333333", "444444444444"}, "333333333333"},
	} {
		s := mapPlan(t, "../testdata/synthetic_guardrails.json", tc.ids)
		if got := s.AWS.Accounts[0].AccountID; got != tc.want || s.Scopes[0].Account != tc.want || s.Scopes[0].Resource != "arn:aws:iam::"+tc.want+":root" {
			t.Errorf("%s: account %q, scope %+v", tc.name, got, s.Scopes[0])
		}
	}
	// Unknown own account: roles trusting AWS principals are undecidable
	// for cross-account trust, and say how to fix it.
	s := mapPlan(t, "../testdata/synthetic_unknown_account.json", nil)
	var got []string
	for _, e := range s.Errors {
		if e.Code == CodeOwnAccountUnknown {
			got = append(got, e.Resource)
			if !strings.Contains(e.Message, "aws.account_ids") || e.Service != "organizations" {
				t.Errorf("unhelpful error %+v", e)
			}
		}
	}
	if strings.Join(got, " ") != "aws_iam_role.vendor" {
		t.Errorf("OwnAccountUnknown on %v, want only the role trusting an AWS principal", got)
	}
}

// A provider value holds no plan's state: one provider maps two plans
// (even at once) without one leaking into the other.
func TestProviderIsSharedAcrossPlans(t *testing.T) {
	p := New(nil)
	plans := map[string]string{
		"../testdata/synthetic_guardrails.json":   "111111111111",
		"../testdata/regula_password_length.json": "",
	}
	done := make(chan string, len(plans))
	for file, want := range plans {
		go func() {
			data, err := os.ReadFile(file)
			if err != nil {
				done <- err.Error()
				return
			}
			s, err := tf.Map(file, data, tf.Options{Providers: []tf.Provider{p}, Now: epoch})
			switch {
			case err != nil:
				done <- err.Error()
			case len(s.AWS.Accounts) != 1 || s.AWS.Accounts[0].AccountID != want:
				done <- file + ": wrong account"
			default:
				done <- ""
			}
		}()
	}
	for range plans {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// A plan without aws_* resources gets no AWS section and no scope.
func TestNoAWSResources(t *testing.T) {
	s := mapPlan(t, "../testdata/regula_azurerm_storage.json", []string{"111111111111"})
	if s.AWS != nil || len(s.Scopes) != 0 || len(s.Errors) != 0 {
		t.Errorf("AWS %+v scopes %+v errors %+v", s.AWS, s.Scopes, s.Errors)
	}
}

// Every type the provider claims is an AWS type.
func TestMappersAreAWSTypes(t *testing.T) {
	m := New(nil).Mappers()
	if len(m) < 20 {
		t.Errorf("only %d mappers", len(m))
	}
	for typ := range m {
		if !strings.HasPrefix(typ, "aws_") {
			t.Errorf("%s is not an aws_ resource type", typ)
		}
	}
}

// An unknown value of the password policy the plan declares is an error
// on the block results name, naming the attribute as its operation.
func TestPasswordPolicyUnknown(t *testing.T) {
	const plan = `{"format_version": "1.2", "resource_changes": [
		{"address": "aws_iam_account_password_policy.p", "mode": "managed", "type": "aws_iam_account_password_policy", "name": "p",
		 "change": {"actions": ["create"], "after": {"password_reuse_prevention": 24}, "after_unknown": {"minimum_password_length": true}}}
	], "configuration": {"root_module": {"resources": [
		{"address": "aws_iam_account_password_policy.p", "mode": "managed", "type": "aws_iam_account_password_policy", "name": "p",
		 "expressions": {"minimum_password_length": {"references": ["var.len"]}, "password_reuse_prevention": {"constant_value": 24}}}]}}}`
	s, err := tf.Map("p.json", []byte(plan), tf.Options{Providers: []tf.Provider{New([]string{"111111111111"})}, Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.AWS.Accounts[0].PasswordPolicy.Resource; got != "aws_iam_account_password_policy.p" {
		t.Errorf("password policy resource %q", got)
	}
	var found bool
	for _, e := range s.Errors {
		if e.Code == tf.CodeUnknownUntilApply {
			found = e.Resource == "aws_iam_account_password_policy.p" && e.Operation == "minimum_password_length" && e.Service == "iam"
		}
	}
	if !found {
		t.Errorf("errors %+v", s.Errors)
	}
}

// Each provider block's account: the config's first account for the
// default block, the account an alias names (the last assume_role's
// role, else allowed_account_ids), else the default block's.
func TestProviderBlockAccounts(t *testing.T) {
	const plan = `{"format_version": "1.2", "resource_changes": [
		{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "change": {"actions": ["create"], "after": {"name": "a"}}},
		{"address": "aws_iam_user.b", "mode": "managed", "type": "aws_iam_user", "name": "b", "change": {"actions": ["create"], "after": {"name": "b"}}},
		{"address": "aws_iam_user.c", "mode": "managed", "type": "aws_iam_user", "name": "c", "change": {"actions": ["create"], "after": {"name": "c"}}},
		{"address": "aws_iam_user.d", "mode": "managed", "type": "aws_iam_user", "name": "d", "change": {"actions": ["create"], "after": {"name": "d"}}},
		{"address": "aws_iam_user.e", "mode": "managed", "type": "aws_iam_user", "name": "e", "change": {"actions": ["create"], "after": {"name": "e"}}}
	], "configuration": {
		"provider_config": {
			"aws": {"name": "aws", "expressions": {"allowed_account_ids": {"constant_value": ["111111111111"]}}},
			"aws.chain": {"name": "aws", "alias": "chain", "expressions": {
				"allowed_account_ids": {"constant_value": ["444444444444", "555555555555"]},
				"assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::444444444444:role/hop"}}, {"role_arn": {"constant_value": "arn:aws:iam::555555555555:role/final"}}]}},
			"aws.var": {"name": "aws", "alias": "var", "expressions": {"assume_role": [{"role_arn": {"references": ["var.role"]}}]}},
			"aws.gov": {"name": "aws", "alias": "gov", "expressions": {"assume_role": [{"role_arn": {"constant_value": "arn:aws-us-gov:iam::666666666666:role/x"}}]}}
		},
		"root_module": {"resources": [
			{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "provider_config_key": "aws"},
			{"address": "aws_iam_user.b", "mode": "managed", "type": "aws_iam_user", "name": "b", "provider_config_key": "aws.chain"},
			{"address": "aws_iam_user.c", "mode": "managed", "type": "aws_iam_user", "name": "c", "provider_config_key": "aws.var"},
			{"address": "aws_iam_user.d", "mode": "managed", "type": "aws_iam_user", "name": "d", "provider_config_key": "aws.gov"},
			{"address": "aws_iam_user.e", "mode": "managed", "type": "aws_iam_user", "name": "e", "provider_config_key": "aws.missing"}
		]}}}`
	for _, tc := range []struct {
		name string
		ids  []string
		want string // user:account, in account order
	}{
		{"plan only", nil, "a:111111111111 c:111111111111 e:111111111111 b:555555555555 d:666666666666"},
		{"config first for the default block", []string{"222222222222"}, "a:222222222222 c:222222222222 e:222222222222 b:555555555555 d:666666666666"},
	} {
		s, err := tf.Map("p.json", []byte(plan), tf.Options{Providers: []tf.Provider{New(tc.ids)}, Now: epoch})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range s.AWS.Accounts {
			for _, u := range a.Users {
				got = append(got, u.Name+":"+a.AccountID)
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, strings.Join(got, " "), tc.want)
		}
	}
}

// A key or password for a user unknown until apply makes the credentials
// of every user it may be for unknown: each one a reference may mean, or
// with no such reference, all of the account's.
func TestCredentialsOfAnUnknownUser(t *testing.T) {
	const plan = `{"format_version": "1.2", "resource_changes": [
		{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "change": {"actions": ["create"], "after": {"name": "a"}}},
		{"address": "aws_iam_user.b", "mode": "managed", "type": "aws_iam_user", "name": "b", "change": {"actions": ["create"], "after": {"name": "b"}}},
		{"address": "aws_iam_access_key.either", "mode": "managed", "type": "aws_iam_access_key", "name": "either",
		 "change": {"actions": ["create"], "after": {"status": "Active"}, "after_unknown": {"user": true}}},
		{"address": "aws_iam_user_login_profile.anyone", "mode": "managed", "type": "aws_iam_user_login_profile", "name": "anyone",
		 "change": {"actions": ["create"], "after": {}, "after_unknown": {"user": true}}}
	], "configuration": {"root_module": {"resources": [
		{"address": "aws_iam_access_key.either", "mode": "managed", "type": "aws_iam_access_key", "name": "either",
		 "expressions": {"user": {"references": ["aws_iam_user.a.name", "aws_iam_user.a", "aws_iam_user.b.name", "aws_iam_user.b"]}}},
		{"address": "aws_iam_user_login_profile.anyone", "mode": "managed", "type": "aws_iam_user_login_profile", "name": "anyone",
		 "expressions": {"user": {"references": ["random_pet.who.id", "random_pet.who"]}}}]}}}`
	s, err := tf.Map("p.json", []byte(plan), tf.Options{Providers: []tf.Provider{New([]string{"111111111111"})}, Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Errors {
		got = append(got, strings.Join([]string{e.Code, e.Service + ":" + e.Operation, e.Account, e.Resource, strings.Join(e.Sources, ",")}, " "))
	}
	want := []string{
		"UnknownUntilApply iam:GetCredentialReport  aws_iam_user.a ",
		"UnknownUntilApply iam:GetCredentialReport  aws_iam_user.b ",
		"UnknownGrantee iam:GetCredentialReport 111111111111  aws_iam_user_login_profile.anyone",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing error %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	for _, u := range s.AWS.Accounts[0].Users {
		if len(u.AccessKeys) > 0 || u.PasswordEnabled {
			t.Errorf("user %s got a credential the plan does not give it: %+v", u.Name, u)
		}
	}
}

// A membership list whose unknown elements come from a plan user and from
// another value may add any user of the account to the group: the named
// user's groups are unknown, and so are everyone's (CodeUnknownGrantee).
func TestMembershipOfAnyone(t *testing.T) {
	const plan = `{"format_version": "1.2", "resource_changes": [
		{"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a", "change": {"actions": ["create"], "after": {"name": "a"}}},
		{"address": "aws_iam_group.admins", "mode": "managed", "type": "aws_iam_group", "name": "admins", "change": {"actions": ["create"], "after": {"name": "admins"}}},
		{"address": "aws_iam_group_membership.m", "mode": "managed", "type": "aws_iam_group_membership", "name": "m",
		 "change": {"actions": ["create"], "after": {"name": "m", "group": "admins"}, "after_unknown": {"users": true}}}
	], "configuration": {"root_module": {"resources": [
		{"address": "aws_iam_group_membership.m", "mode": "managed", "type": "aws_iam_group_membership", "name": "m",
		 "expressions": {"group": {"constant_value": "admins"}, "users": {"references": ["aws_iam_user.a.name", "aws_iam_user.a", "random_pet.p.id", "random_pet.p"]}}}]}}}`
	s, err := tf.Map("p.json", []byte(plan), tf.Options{Providers: []tf.Provider{New([]string{"111111111111"})}, Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Errors {
		if e.Code != snapshot.CodeNotInPlan {
			got = append(got, strings.Join([]string{e.Code, e.Service + ":" + e.Operation, e.Resource, strings.Join(e.Sources, ",")}, " "))
		}
	}
	want := []string{
		"UnknownUntilApply iam:groups aws_iam_user.a ",
		"UnknownGrantee iam:groups  aws_iam_group_membership.m",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package aws

import (
	"net/url"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// --org enters each member account by assuming a role there: the role
// named by --role-name (OrganizationAccountAccessRole by default) in that
// member's account, with a session name that says who is calling, one-hour
// credentials, and --external-id only when one is given. The calls are
// read on the wire, as AWS would receive them.
func TestAssumeRoleIntoMembers(t *testing.T) {
	for _, tc := range []struct {
		name, roleName, externalID string
		wantRole, wantExternalID   string
	}{
		{"defaults", "", "", DefaultRoleName, ""},
		{"role name and external ID", "rampart-audit", "ext-7f3a", "rampart-audit", "ext-7f3a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			endpoint := awstest.Need(t)
			b := awstest.NewBuilder(t, endpoint)
			members := b.Organization(2)

			p := awstest.NewProxy(t, endpoint)
			opts := testOptions("", "us-east-1")
			opts.Org, opts.RoleName, opts.ExternalID = true, tc.roleName, tc.externalID
			s, _ := collectVia(t, p, opts)

			var assumed []url.Values
			for _, c := range p.Log() {
				if c.Service == "sts" && c.Operation == "AssumeRole" {
					assumed = append(assumed, c.Form)
				}
			}
			want := map[string]bool{}
			for _, m := range members {
				want["arn:aws:iam::"+m+":role/"+tc.wantRole] = true
			}
			if len(assumed) != len(members) {
				t.Fatalf("%d AssumeRole calls, want one per member (%d)", len(assumed), len(members))
			}
			for _, f := range assumed {
				if !want[f.Get("RoleArn")] {
					t.Errorf("assumed %s, want one of %v", f.Get("RoleArn"), want)
				}
				delete(want, f.Get("RoleArn"))
				if f.Get("RoleSessionName") != "rampart-collect" || f.Get("DurationSeconds") != "3600" {
					t.Errorf("session %q duration %q", f.Get("RoleSessionName"), f.Get("DurationSeconds"))
				}
				if got, sent := f.Get("ExternalId"), f.Has("ExternalId"); got != tc.wantExternalID || sent != (tc.wantExternalID != "") {
					t.Errorf("ExternalId %q (sent %v), want %q", got, sent, tc.wantExternalID)
				}
			}
			// The assumed credentials are the member's: each member is
			// collected as itself.
			collected := map[string]bool{}
			for _, a := range s.AWS.Accounts {
				collected[a.AccountID] = a.Users != nil
			}
			for _, m := range members {
				if !collected[m] {
					t.Errorf("member %s not collected", m)
				}
			}
		})
	}
}

package aws

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// --org collects the management account and every member (entered through
// AssumeRole) into one snapshot, with the organization and its SCPs.
func TestCollectOrganization(t *testing.T) {
	url := awstest.Need(t)
	b := awstest.StandardWorld(t, url)
	members := b.Organization(2)
	b.Member(members[0], DefaultRoleName).User("member-admin", true, false, 1)

	p := awstest.NewProxy(t, url)
	opts := testOptions("", "us-east-1")
	opts.Org = true
	s, _ := collectVia(t, p, opts)

	if len(s.AWS.Accounts) != 3 || len(s.Scopes) != 3 {
		t.Fatalf("%d accounts, %d scopes; want 3", len(s.AWS.Accounts), len(s.Scopes))
	}
	org := s.AWS.Organization
	if org == nil || org.ManagementAccount != awstest.Account || len(org.Accounts) != 3 {
		t.Fatalf("organization: %+v", org)
	}
	// Parents: nearest first, up to the root; the first member is in an OU.
	var rootID string
	for _, a := range org.Accounts {
		if a.ID == awstest.Account && len(a.Parents) == 1 {
			rootID = a.Parents[0]
		}
	}
	if !strings.HasPrefix(rootID, "r-") {
		t.Fatalf("management account parents: %+v", org.Accounts)
	}
	for _, a := range org.Accounts {
		want := 1
		if a.ID == members[0] {
			want = 2
		}
		if len(a.Parents) != want || a.Parents[len(a.Parents)-1] != rootID || (want == 2 && !strings.HasPrefix(a.Parents[0], "ou-")) {
			t.Errorf("account %s parents %v, want %d ending in %s", a.ID, a.Parents, want, rootID)
		}
	}
	var scp bool
	for _, pol := range org.Policies {
		if pol.Name == "deny-root" {
			scp = strings.Contains(string(pol.Document), `"Effect":"Deny"`) && len(pol.Targets) == 1 && pol.Targets[0].Type == "ROOT"
		}
	}
	if !scp {
		t.Errorf("SCP deny-root with its root target missing: %+v", org.Policies)
	}
	for _, a := range s.AWS.Accounts {
		if a.AccountID == members[0] {
			if u := findUser(a, "member-admin"); u == nil || a.Name != "member-0" {
				t.Errorf("member %s: name %q users %+v", a.AccountID, a.Name, a.Users)
			}
		}
		if a.Users == nil || a.Regions == nil {
			t.Errorf("account %s not collected", a.AccountID)
		}
	}
	for _, c := range p.Log() {
		if !IsAllowed(c.Service, c.Operation) {
			t.Errorf("call not on the read-only allowlist: %s", c)
		}
	}
}

// A member whose role cannot be assumed stays in the snapshot with nothing
// collected and the AssumeRole error recorded: it never silently vanishes.
func TestOrganizationMemberDenied(t *testing.T) {
	url := awstest.Need(t)
	b := awstest.StandardWorld(t, url)
	members := b.Organization(1)

	p := awstest.NewProxy(t, url)
	p.Deny = func(c awstest.Call) bool { return c.Service == "sts" && c.Operation == "AssumeRole" }
	opts := testOptions("", "us-east-1")
	opts.Org = true
	s, _ := collectVia(t, p, opts)

	if len(s.AWS.Accounts) != 2 {
		t.Fatalf("%d accounts; want 2", len(s.AWS.Accounts))
	}
	for _, a := range s.AWS.Accounts {
		if a.AccountID != members[0] {
			continue
		}
		if a.Users != nil || a.Root != nil || a.Regions != nil || a.Trails != nil {
			t.Errorf("denied member has data: %+v", a)
		}
	}
	want := append(motoGaps("us-east-1"), members[0]+"//sts/AssumeRole/AccessDenied")
	if got := errorKeys(s.Errors); !sameSet(got, want) {
		t.Errorf("errors:\n got %q\nwant %q", got, want)
	}
}

package awsiam

import (
	"slices"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

// A principal a Terraform plan grants to without managing it
// (snapshot.CodeOutsidePlan) is judged on what the plan grants, and says
// that the rest is unknown: the grants can make it an admin, its missing
// part keeps it from being proved not one. So does a member of a group
// outside the plan.
func TestOutsidePlanIsPartlyUnknown(t *testing.T) {
	const admin = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	w := newWorld()
	alice := w.user("alice", admin)
	alice.OutsidePlan = true
	w.a.Groups = append(w.a.Groups, snapshot.IAMGroup{Name: "Administrators", ARN: arn("group", "Administrators"), OutsidePlan: true})
	dev := w.user("dev", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	dev.Groups = []string{"Administrators"}
	w.user("plain", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	g := w.graph(t)
	for _, tc := range []struct {
		arn     string
		admin   bool
		unknown []string
	}{
		{arn("user", "alice"), true, []string{"user alice: not managed by the plan, its other policies, groups and permissions boundary unknown"}},
		{arn("user", "dev"), false, []string{"group Administrators: not managed by the plan, its other policies unknown"}},
		{arn("group", "Administrators"), false, []string{"group Administrators: not managed by the plan, its other policies unknown"}},
		{arn("user", "plain"), false, nil},
	} {
		p := g.byARN[tc.arn]
		if p == nil {
			t.Fatalf("no principal %s", tc.arn)
		}
		if p.Admin() != tc.admin || !slices.Equal(p.Unknown, tc.unknown) {
			t.Errorf("%s: admin %v unknown %q, want %v %q", tc.arn, p.Admin(), p.Unknown, tc.admin, tc.unknown)
		}
	}
}

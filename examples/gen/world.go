// Command gen writes the bundled example: a four-account AWS organization
// (examples/aws-org.json) with misconfigurations planted beside clean
// resources, and the results every plant expects
// (examples/aws-org.expected.json), which the examples test checks against
// a real evaluation. Run it with `go run ./examples/gen` after changing a
// plant; the test fails when the committed files are stale.
//
// Everything here is fictitious: account IDs are 111111111111-style and no
// key material exists anywhere in the snapshot model.
package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// CollectedAt is the example's "now": every age in it is relative to this.
var CollectedAt = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// The organization's accounts, and accounts outside it.
const (
	Management = "111111111111"
	Prod       = "222222222222"
	Dev        = "333333333333"
	Security   = "444444444444"
	// Vendor is a third party trusted on purpose (examples/rampart.yaml).
	Vendor = "999999999999"
	// Stranger is a third party nobody approved.
	Stranger = "888888888888"
	OrgID    = "o-exampleorg1"
)

// Regions are the enabled regions of every example account.
var Regions = []string{"eu-west-1", "us-east-1"}

// World is the example under construction.
type World struct {
	Snap   *snapshot.Snapshot
	Expect []Expectation
}

// Expectation is one result the example promises. Status "" promises that
// the control reports nothing on the resource (an exempt resource).
type Expectation struct {
	Control  string         `json:"control"`
	Account  string         `json:"account"`
	Region   string         `json:"region,omitempty"`
	Resource string         `json:"resource"`
	Status   results.Status `json:"status"`
	Why      string         `json:"why"`
}

// plant is a function that adds resources (misconfigured or clean) to the
// world and records the results it expects. Each file registers its own in
// init, so control families live in separate files.
type plant func(w *World)

var plants []plant

// Account returns the account with id.
func (w *World) Account(id string) *snapshot.AWSAccount {
	for i := range w.Snap.AWS.Accounts {
		if w.Snap.AWS.Accounts[i].AccountID == id {
			return &w.Snap.AWS.Accounts[i]
		}
	}
	panic("no example account " + id)
}

// Region returns the region of an account.
func (w *World) Region(account, name string) *snapshot.AWSRegion {
	a := w.Account(account)
	for i := range a.Regions {
		if a.Regions[i].Name == name {
			return &a.Regions[i]
		}
	}
	panic("no example region " + name)
}

// Want records an expected result.
func (w *World) Want(control, account, region, resource string, status results.Status, why string) {
	w.Expect = append(w.Expect, Expectation{control, account, region, resource, status, why})
}

// DaysAgo is a time n days before CollectedAt.
func DaysAgo(n int) *time.Time {
	t := CollectedAt.AddDate(0, 0, -n)
	return &t
}

// Doc turns a Go value into a stored policy document.
func Doc(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// UserARN, RoleARN and PolicyARN build ARNs of the example accounts.
func UserARN(account, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:user/%s", account, name)
}

// RoleARN is the ARN of a role at path "/".
func RoleARN(account, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:role/%s", account, name)
}

// PolicyARN is the ARN of a customer-managed policy.
func PolicyARN(account, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:policy/%s", account, name)
}

// RootARN is an account's root user, also the resource of account-wide
// results.
func RootARN(account string) string { return snapshot.AWSAccountARN("aws", account) }

// Build makes the whole example: the clean organization, then every plant.
func Build() *World {
	w := &World{Snap: cleanOrganization(), Expect: []Expectation{}}
	for _, p := range plants {
		p(w)
	}
	for i := range w.Snap.AWS.Accounts {
		sortAccount(&w.Snap.AWS.Accounts[i])
	}
	sort.SliceStable(w.Expect, func(i, j int) bool {
		a, b := w.Expect[i], w.Expect[j]
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Region < b.Region
	})
	return w
}

func sortAccount(a *snapshot.AWSAccount) {
	sort.Slice(a.Users, func(i, j int) bool { return a.Users[i].ARN < a.Users[j].ARN })
	sort.Slice(a.Roles, func(i, j int) bool { return a.Roles[i].ARN < a.Roles[j].ARN })
	sort.Slice(a.Groups, func(i, j int) bool { return a.Groups[i].ARN < a.Groups[j].ARN })
	sort.Slice(a.Policies, func(i, j int) bool { return a.Policies[i].ARN < a.Policies[j].ARN })
}

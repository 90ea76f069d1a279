package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Scale grows the example to n accounts for size and speed measurements
// (go run ./examples/gen -accounts 500 -dir /tmp/org500): the management
// account stays, and the member accounts (prod, dev, security) are cloned
// in turn under fresh IDs (5000000000NN), each clone with the same
// resources and misconfigurations as its original and the same place in
// the organization tree. Expectations are not scaled: the scaled
// snapshot is for measuring, not for checking results.
func Scale(w *World, n int) error {
	s := w.Snap
	members := []string{Prod, Dev, Security}
	if n < 1+len(members) {
		return fmt.Errorf("-accounts %d: expected at least %d (the example's own accounts)", n, 1+len(members))
	}
	orig := map[string]snapshot.AWSAccount{}
	for _, a := range s.AWS.Accounts {
		orig[a.AccountID] = a
	}
	var mgmt snapshot.AWSAccount
	scopes := map[string]snapshot.Scope{}
	for _, sc := range s.Scopes {
		scopes[sc.Account] = sc
	}
	orgAccounts := map[string]snapshot.OrgAccount{}
	for _, oa := range s.AWS.Organization.Accounts {
		orgAccounts[oa.ID] = oa
	}
	mgmt = orig[Management]
	s.AWS.Accounts = []snapshot.AWSAccount{mgmt}
	s.Scopes = []snapshot.Scope{scopes[Management]}
	s.AWS.Organization.Accounts = []snapshot.OrgAccount{orgAccounts[Management]}
	for i := 0; i < n-1; i++ {
		src := members[i%len(members)]
		id := fmt.Sprintf("5000000%05d", i)
		if i < len(members) {
			id = src // the originals keep their IDs
		}
		a, err := cloneAccount(orig[src], src, id)
		if err != nil {
			return err
		}
		a.Name = fmt.Sprintf("%s-%03d", orig[src].Name, i)
		s.AWS.Accounts = append(s.AWS.Accounts, a)
		sc := scopes[src]
		sc.Account, sc.Name, sc.Resource = id, a.Name, RootARN(id)
		s.Scopes = append(s.Scopes, sc)
		oa := orgAccounts[src]
		oa.ID, oa.Name, oa.ARN = id, a.Name, strings.ReplaceAll(oa.ARN, src, id)
		s.AWS.Organization.Accounts = append(s.AWS.Organization.Accounts, oa)
	}
	return nil
}

// cloneAccount copies an account under another ID, rewriting every
// mention of the old ID (ARNs, trust policies) in its JSON.
func cloneAccount(a snapshot.AWSAccount, from, to string) (snapshot.AWSAccount, error) {
	raw, err := json.Marshal(a)
	if err != nil {
		return a, err
	}
	var out snapshot.AWSAccount
	err = json.Unmarshal([]byte(strings.ReplaceAll(string(raw), from, to)), &out)
	return out, err
}

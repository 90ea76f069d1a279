package awsiam

import (
	"encoding/json"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

const acct = "111111111111"

func arn(kind, name string) string { return "arn:aws:iam::" + acct + ":" + kind + "/" + name }

func doc(stmts ...string) json.RawMessage {
	s := `{"Version":"2012-10-17","Statement":[`
	for i, x := range stmts {
		if i > 0 {
			s += ","
		}
		s += x
	}
	return json.RawMessage(s + "]}")
}

func inline(stmts ...string) []snapshot.InlinePolicy {
	return []snapshot.InlinePolicy{{Name: "p", Document: doc(stmts...)}}
}

// world is a small account under construction.
type world struct {
	a   snapshot.AWSAccount
	org *snapshot.AWSOrganization
}

func newWorld() *world {
	return &world{a: snapshot.AWSAccount{AccountID: acct, Partition: "aws"}}
}

func (w *world) user(name string, stmts ...string) *snapshot.IAMUser {
	w.a.Users = append(w.a.Users, snapshot.IAMUser{Name: name, ARN: arn("user", name), ID: "AIDA" + name, InlinePolicies: inline(stmts...), CredentialReport: true})
	return &w.a.Users[len(w.a.Users)-1]
}

func (w *world) role(name, trust string, stmts ...string) *snapshot.IAMRole {
	if trust == "" {
		trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	}
	w.a.Roles = append(w.a.Roles, snapshot.IAMRole{Name: name, ARN: arn("role", name), TrustPolicy: json.RawMessage(trust), InlinePolicies: inline(stmts...), InstanceProfiles: []string{}})
	return &w.a.Roles[len(w.a.Roles)-1]
}

func (w *world) policy(name string, stmts ...string) string {
	a := arn("policy", name)
	w.a.Policies = append(w.a.Policies, snapshot.ManagedPolicy{Name: name, ARN: a, Document: doc(stmts...)})
	return a
}

func (w *world) snapshot() *snapshot.Snapshot {
	return &snapshot.Snapshot{AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{w.a}, Organization: w.org}}
}

func (w *world) graph(t *testing.T) *Graph {
	t.Helper()
	return NewGraph(w.snapshot())
}

func (w *world) principal(t *testing.T, a string) *Principal {
	t.Helper()
	g := w.graph(t)
	p := g.byARN[a]
	if p == nil {
		t.Fatalf("no principal %s", a)
	}
	return p
}

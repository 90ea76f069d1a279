package main

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantTrust) }

const (
	githubOIDC = "token.actions.githubusercontent.com"
	trustCtl   = "aws-trust-wildcard-principal"
	crossCtl   = "aws-cross-account-trust"
	extIDCtl   = "aws-cross-account-no-external-id"
	oidcCtl    = "aws-oidc-trust-unrestricted"
)

// plantTrust: roles trusted from outside — the approved vendor with and
// without an external ID, a stranger's contractor, a world-assumable role
// beside one pinned to the organization, GitHub Actions roles pinned to a
// repository and to a whole GitHub owner, and a role whose Deny statement
// names the stranger (a Deny never makes a finding).
func plantTrust(w *World) {
	readOnly := func(account, name string, trust []byte) snapshot.IAMRole {
		r := cleanRole(account, name, trust, readOnlyPolicyARN, "ReadOnlyAccess")
		r.Created, r.LastUsed = DaysAgo(200), &snapshot.RoleLastUsed{Date: DaysAgo(1), Region: "eu-west-1"}
		return r
	}
	add := func(account string, r snapshot.IAMRole) {
		w.Account(account).Roles = append(w.Account(account).Roles, r)
	}

	// The monitoring vendor, as its onboarding guide asks: root of its
	// account plus the external ID it issued to us.
	add(Prod, readOnly(Prod, "vendor-readonly", trustDoc(allowAssume(
		map[string]any{"AWS": RootARN(Vendor)},
		map[string]any{"StringEquals": map[string]any{"sts:ExternalId": "acme-7f3a9c21"}},
	))))
	w.Want(trustCtl, Prod, "", RoleARN(Prod, "vendor-readonly"), results.Pass, "names the vendor account, no wildcard")
	w.Want(crossCtl, Prod, "", RoleARN(Prod, "vendor-readonly"), results.Pass, "the vendor is in aws.trusted_accounts")
	w.Want(extIDCtl, Prod, "", RoleARN(Prod, "vendor-readonly"), results.Pass, "the vendor must present its external ID")
	w.Want(oidcCtl, Prod, "", RoleARN(Prod, "vendor-readonly"), "", "no web-identity trust: not evaluated")

	// The same vendor's older integration: a bare account ID and no
	// external ID, so any of the vendor's customers could steer it here.
	add(Prod, readOnly(Prod, "vendor-monitoring-legacy", trustDoc(allowAssume(map[string]any{"AWS": Vendor}, nil))))
	w.Want(crossCtl, Prod, "", RoleARN(Prod, "vendor-monitoring-legacy"), results.Pass, "bare account ID of the trusted vendor")
	w.Want(extIDCtl, Prod, "", RoleARN(Prod, "vendor-monitoring-legacy"), results.Fail, "trusted vendor without sts:ExternalId: confused deputy")

	// A contractor's user in an account nobody approved.
	add(Dev, readOnly(Dev, "contractor-access", trustDoc(allowAssume(map[string]any{"AWS": UserARN(Stranger, "contractor")}, nil))))
	w.Want(crossCtl, Dev, "", RoleARN(Dev, "contractor-access"), results.Fail, "trusts a user of the stranger account 888888888888")
	w.Want(extIDCtl, Dev, "", RoleARN(Dev, "contractor-access"), results.Fail, "third-party account without sts:ExternalId")

	// "Temporarily" opened to everyone to debug artifact sharing.
	add(Dev, readOnly(Dev, "shared-artifacts-reader", trustDoc(allowAssume("*", nil))))
	w.Want(trustCtl, Dev, "", RoleARN(Dev, "shared-artifacts-reader"), results.Fail, `Principal "*" with no condition`)
	w.Want(crossCtl, Dev, "", RoleARN(Dev, "shared-artifacts-reader"), results.Fail, "any AWS account can assume it")
	w.Want(extIDCtl, Dev, "", RoleARN(Dev, "shared-artifacts-reader"), "", "a wildcard pinned to no account is the wildcard control's")

	// The right way to share with every account of the organization.
	add(Prod, readOnly(Prod, "org-artifacts-reader", trustDoc(allowAssume(
		map[string]any{"AWS": "*"},
		map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": OrgID}},
	))))
	w.Want(trustCtl, Prod, "", RoleARN(Prod, "org-artifacts-reader"), results.Pass, "wildcard pinned by aws:PrincipalOrgID")
	w.Want(crossCtl, Prod, "", RoleARN(Prod, "org-artifacts-reader"), results.Pass, "pinned to the own organization")

	// GitHub Actions: one role pinned to a repository's main branch, one
	// open to every repository of the owner.
	for _, id := range []string{Prod, Dev} {
		a := w.Account(id)
		a.OIDCProviders = append(a.OIDCProviders, snapshot.OIDCProvider{
			ARN: oidcProviderARN(id), URL: "https://" + githubOIDC, ClientIDs: []string{"sts.amazonaws.com"}, Created: DaysAgo(400),
		})
	}
	add(Prod, readOnly(Prod, "github-deploy", trustDoc(githubTrust(Prod, "StringEquals", "repo:acme/app:ref:refs/heads/main"))))
	w.Want(oidcCtl, Prod, "", RoleARN(Prod, "github-deploy"), results.Pass, "sub pinned to acme/app on main")
	w.Want(crossCtl, Prod, "", RoleARN(Prod, "github-deploy"), results.Pass, "a federated principal is not an account")
	w.Want(extIDCtl, Prod, "", RoleARN(Prod, "github-deploy"), "", "no third-party account: not evaluated")
	add(Dev, readOnly(Dev, "github-ci", trustDoc(githubTrust(Dev, "StringLike", "repo:acme/*"))))
	w.Want(oidcCtl, Dev, "", RoleARN(Dev, "github-ci"), results.Fail, `sub "repo:acme/*" lets every acme repository in`)

	// Incident response: the security account's own root may assume it; a
	// Deny naming the stranger is belt and braces and must not count.
	add(Security, readOnly(Security, "incident-response", trustDoc(
		allowAssume(map[string]any{"AWS": RootARN(Security)}, nil),
		map[string]any{"Effect": "Deny", "Principal": map[string]any{"AWS": RootARN(Stranger)}, "Action": "sts:AssumeRole"},
		map[string]any{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole",
			"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:PrincipalOrgID": OrgID}}},
	)))
	w.Want(trustCtl, Security, "", RoleARN(Security, "incident-response"), results.Pass, `a Deny with Principal "*" grants nothing`)
	w.Want(crossCtl, Security, "", RoleARN(Security, "incident-response"), results.Pass, "the stranger appears only in a Deny")
	w.Want(extIDCtl, Security, "", RoleARN(Security, "incident-response"), "", "own account only: not evaluated")

	// The clean world's roles keep passing: OrganizationAccountAccessRole
	// trusts the management account, which is in the organization.
	w.Want(crossCtl, Dev, "", RoleARN(Dev, orgAccessRole), results.Pass, "trusts the management account")
	w.Want(trustCtl, Dev, "", RoleARN(Dev, "app-instance"), results.Pass, "service principal")
}

func oidcProviderARN(account string) string {
	return fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", account, githubOIDC)
}

func trustDoc(statements ...map[string]any) []byte {
	list := make([]any, len(statements))
	for i, s := range statements {
		list[i] = s
	}
	return Doc(map[string]any{"Version": "2012-10-17", "Statement": list})
}

func allowAssume(principal any, condition map[string]any) map[string]any {
	s := map[string]any{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
	if condition != nil {
		s["Condition"] = condition
	}
	return s
}

func githubTrust(account, op, sub string) map[string]any {
	cond := map[string]any{"StringEquals": map[string]any{githubOIDC + ":aud": "sts.amazonaws.com"}}
	if op == "StringEquals" {
		cond["StringEquals"].(map[string]any)[githubOIDC+":sub"] = sub
	} else {
		cond[op] = map[string]any{githubOIDC + ":sub": sub}
	}
	return map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"Federated": oidcProviderARN(account)},
		"Action": "sts:AssumeRoleWithWebIdentity", "Condition": cond,
	}
}

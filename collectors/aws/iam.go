package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/rampart-sec/rampart/snapshot"
)

// iam collects the account's global IAM data with bulk calls only: the
// authorization details and the credential report carry every user, role,
// group and policy, so the number of calls grows with pages, not entities.
func (c *collection) iam(ctx context.Context, cfg aws.Config, a *snapshot.AWSAccount) {
	client := iam.NewFromConfig(cfg)
	id := a.AccountID
	rootARN := snapshot.AWSAccountARN(a.Partition, id)

	if g, err := authorizationDetails(ctx, client); err != nil {
		c.rec.fail(id, "", err)
	} else {
		g.apply(a)
	}
	mfa, err := virtualMFADevices(ctx, client)
	if err != nil {
		c.rec.fail(id, "", err)
	}
	if out, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
		c.rec.fail(id, "", err)
	} else {
		a.AccountSummary = map[string]int{}
		for k, v := range out.SummaryMap {
			a.AccountSummary[k] = int(v)
		}
	}
	rep, err := c.credentialReport(ctx, client)
	if err != nil {
		c.rec.failAs(id, "", "iam", "GetCredentialReport", err)
	}
	mergeCredentialReport(a.Users, rep, mfa)
	switch {
	case rep != nil && rep.root != nil:
		a.Root = rootFromReport(rep.root, rootARN, mfa)
	case a.AccountSummary != nil:
		if rep != nil {
			c.rec.add(snapshot.CollectionError{
				Account: id, Resource: rootARN, Service: "iam", Operation: "GetCredentialReport", Code: CodeRootRowMissing,
				Message: "the credential report has no <root_account> row: root MFA and keys come from GetAccountSummary, root password and key use are unknown",
			})
		}
		a.Root = rootFromSummary(a.AccountSummary, rootARN, mfa)
	}

	a.PasswordPolicy = c.passwordPolicy(ctx, client, id)
	a.SAMLProviders = c.samlProviders(ctx, client, id)
	a.OIDCProviders = c.oidcProviders(ctx, client, id)
}

// authorizationDetails reads every page of GetAccountAuthorizationDetails.
// A failure on any page discards the partial result: half a list of roles
// would make "no role trusts *" look true.
func authorizationDetails(ctx context.Context, client *iam.Client) (*gaad, error) {
	all := &gaad{}
	p := iam.NewGetAccountAuthorizationDetailsPaginator(client, &iam.GetAccountAuthorizationDetailsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		// Through JSON into the CLI-shaped document: one mapping for live
		// pages and offline evidence.
		b, err := json.Marshal(page)
		if err != nil {
			return nil, err
		}
		var g gaad
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, err
		}
		all.UserDetailList = append(all.UserDetailList, g.UserDetailList...)
		all.GroupDetailList = append(all.GroupDetailList, g.GroupDetailList...)
		all.RoleDetailList = append(all.RoleDetailList, g.RoleDetailList...)
		all.Policies = append(all.Policies, g.Policies...)
	}
	return all, nil
}

// virtualMFADevices lists the assigned virtual MFA devices by user ARN (the
// root user's is arn:aws:iam::ID:root).
func virtualMFADevices(ctx context.Context, client *iam.Client) (mfaDevices, error) {
	m := mfaDevices{}
	p := iam.NewListVirtualMFADevicesPaginator(client, &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeAssigned})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range page.VirtualMFADevices {
			if d.User == nil || d.User.Arn == nil {
				continue
			}
			m[*d.User.Arn] = append(m[*d.User.Arn], aws.ToString(d.SerialNumber))
		}
	}
	return m, nil
}

// credentialReport asks IAM to generate the report and polls until it is
// ready, within Options.ReportWait.
func (c *collection) credentialReport(ctx context.Context, client *iam.Client) (*credReport, error) {
	deadline := time.Now().Add(c.opts.ReportWait)
	for {
		gen, err := client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		if err != nil {
			return nil, err
		}
		if gen.State == types.ReportStateTypeComplete {
			out, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
			if err == nil {
				return parseCredentialReport(out.Content)
			}
			// Expired or still being written: generate again.
			if !isCode(err, "ReportInProgress", "ReportExpired", "ReportNotPresent") {
				return nil, err
			}
		}
		if time.Now().After(deadline) {
			return nil, reportTimeout{c.opts.ReportWait}
		}
		t := time.NewTimer(c.opts.ReportPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// reportTimeout is the credential report not being ready in time; it is
// recorded like an API error of GetCredentialReport.
type reportTimeout struct{ wait time.Duration }

func (e reportTimeout) Error() string {
	return fmt.Sprintf("the credential report was not ready after %s", e.wait)
}
func (e reportTimeout) ErrorCode() string    { return CodeReportTimeout }
func (e reportTimeout) ErrorMessage() string { return e.Error() }
func (e reportTimeout) ErrorFault() int      { return 0 }

func (c *collection) passwordPolicy(ctx context.Context, client *iam.Client, account string) *snapshot.PasswordPolicy {
	out, err := client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		// NoSuchEntity is IAM's way of saying the account has no policy.
		if !isCode(err, "NoSuchEntity") {
			c.rec.fail(account, "", err)
		}
		return nil
	}
	p := out.PasswordPolicy
	return &snapshot.PasswordPolicy{
		MinimumLength:              int(aws.ToInt32(p.MinimumPasswordLength)),
		RequireSymbols:             p.RequireSymbols,
		RequireNumbers:             p.RequireNumbers,
		RequireUppercase:           p.RequireUppercaseCharacters,
		RequireLowercase:           p.RequireLowercaseCharacters,
		AllowUsersToChangePassword: p.AllowUsersToChangePassword,
		MaxPasswordAge:             int(aws.ToInt32(p.MaxPasswordAge)),
		PasswordReusePrevention:    int(aws.ToInt32(p.PasswordReusePrevention)),
		HardExpiry:                 aws.ToBool(p.HardExpiry),
	}
}

func (c *collection) samlProviders(ctx context.Context, client *iam.Client, account string) []snapshot.SAMLProvider {
	out, err := client.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	if err != nil {
		c.rec.fail(account, "", err)
		return nil
	}
	list := []snapshot.SAMLProvider{}
	for _, p := range out.SAMLProviderList {
		list = append(list, snapshot.SAMLProvider{ARN: aws.ToString(p.Arn), Created: utc(p.CreateDate), ValidUntil: utc(p.ValidUntil)})
	}
	return list
}

// oidcProviders lists the OIDC providers and reads each one's client IDs.
// That is one call per provider: accounts hold a handful, and the client
// IDs (audiences) are what a web-identity trust is judged against.
func (c *collection) oidcProviders(ctx context.Context, client *iam.Client, account string) []snapshot.OIDCProvider {
	out, err := client.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	if err != nil {
		c.rec.fail(account, "", err)
		return nil
	}
	list := []snapshot.OIDCProvider{}
	for _, p := range out.OpenIDConnectProviderList {
		arn := aws.ToString(p.Arn)
		op := snapshot.OIDCProvider{ARN: arn}
		if i := strings.Index(arn, ":oidc-provider/"); i >= 0 {
			op.URL = "https://" + arn[i+len(":oidc-provider/"):]
		}
		got, err := client.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: p.Arn})
		if err != nil {
			// The provider exists; only its audiences are unknown.
			c.rec.failResource(account, "", arn, err)
		} else {
			op.ClientIDs = nonNil(got.ClientIDList)
			op.Created = utc(got.CreateDate)
			if u := aws.ToString(got.Url); u != "" {
				if !strings.Contains(u, "://") {
					u = "https://" + u
				}
				op.URL = u
			}
		}
		list = append(list, op)
	}
	return list
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC()
	return &v
}

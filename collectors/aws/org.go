package aws

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/rampart-sec/rampart/snapshot"
	"github.com/rampart-sec/rampart/snapshot/iampolicy"
)

// orgInfo is the organization as collected, plus what the run needs of it.
type orgInfo struct {
	model *snapshot.AWSOrganization
	// listed is true when ListAccounts succeeded.
	listed bool
}

func (o *orgInfo) accountName(id string) string {
	for _, a := range o.model.Accounts {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}

// organization describes the caller's organization. An account outside any
// organization gives nil without an error: there is nothing to collect.
// Accounts and service control policies are listed when the caller is the
// management account or --org is given (a delegated administrator can list
// them too); any failure is recorded and leaves that list nil.
func (c *collection) organization(ctx context.Context, cfg aws.Config, caller string) *orgInfo {
	client := organizations.NewFromConfig(cfg)
	out, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		if !isCode(err, "AWSOrganizationsNotInUseException") {
			c.rec.fail(caller, "", err)
		}
		return nil
	}
	o := out.Organization
	info := &orgInfo{model: &snapshot.AWSOrganization{
		ID:                aws.ToString(o.Id),
		ARN:               aws.ToString(o.Arn),
		ManagementAccount: aws.ToString(o.MasterAccountId),
		FeatureSet:        string(o.FeatureSet),
	}}
	if caller != info.model.ManagementAccount && !c.opts.Org {
		return info
	}
	if accounts, err := orgAccounts(ctx, client); err != nil {
		c.rec.fail(caller, "", err)
	} else {
		info.model.Accounts = accounts
		info.listed = true
		if err := accountParents(ctx, client, accounts); err != nil {
			c.rec.fail(caller, "", err)
		}
	}
	if policies, err := serviceControlPolicies(ctx, client); err != nil {
		c.rec.fail(caller, "", err)
	} else {
		info.model.Policies = policies
	}
	return info
}

func orgAccounts(ctx context.Context, client *organizations.Client) ([]snapshot.OrgAccount, error) {
	out := []snapshot.OrgAccount{}
	p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Accounts {
			out = append(out, snapshot.OrgAccount{ID: aws.ToString(a.Id), ARN: aws.ToString(a.Arn), Name: aws.ToString(a.Name), Status: accountStatus(a)})
		}
	}
	return out, nil
}

// maxOUDepth bounds the walk up the organization tree: AWS nests OUs at
// most five deep under the root.
const maxOUDepth = 8

// accountParents fills each account's Parents: the OUs above it and the
// root, nearest first, so an SCP attached to an OU can be resolved to the
// accounts it governs. Organizations has no bulk call for this: it costs
// one ListParents per account and one per OU (OUs are remembered). On the
// first failure it stops: the remaining accounts keep nil Parents, which
// the SCP controls read as "not collected".
func accountParents(ctx context.Context, client *organizations.Client, accounts []snapshot.OrgAccount) error {
	ouParent := map[string]types.Parent{}
	for i := range accounts {
		chain := []string{}
		child := accounts[i].ID
		for range maxOUDepth {
			p, known := ouParent[child]
			if !known {
				out, err := client.ListParents(ctx, &organizations.ListParentsInput{ChildId: aws.String(child)})
				if err != nil {
					return err
				}
				if len(out.Parents) == 0 {
					break
				}
				p = out.Parents[0]
				if child != accounts[i].ID {
					ouParent[child] = p
				}
			}
			chain = append(chain, aws.ToString(p.Id))
			if p.Type == types.ParentTypeRoot {
				break
			}
			child = aws.ToString(p.Id)
		}
		accounts[i].Parents = chain
	}
	return nil
}

// accountStatus prefers the newer State field over the deprecated Status.
func accountStatus(a types.Account) string {
	if a.State != "" {
		return string(a.State)
	}
	return string(a.Status)
}

// serviceControlPolicies reads every SCP with its document and targets:
// one DescribePolicy and one ListTargetsForPolicy (per page) per policy.
// Organizations hold tens of SCPs at most, not one per account.
func serviceControlPolicies(ctx context.Context, client *organizations.Client) ([]snapshot.OrgPolicy, error) {
	out := []snapshot.OrgPolicy{}
	p := organizations.NewListPoliciesPaginator(client, &organizations.ListPoliciesInput{Filter: types.PolicyTypeServiceControlPolicy})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Policies {
			op := snapshot.OrgPolicy{ID: aws.ToString(s.Id), ARN: aws.ToString(s.Arn), Name: aws.ToString(s.Name), Type: string(s.Type), AWSManaged: s.AwsManaged}
			d, err := client.DescribePolicy(ctx, &organizations.DescribePolicyInput{PolicyId: s.Id})
			if err != nil {
				return nil, err
			}
			if d.Policy != nil {
				doc := iampolicy.DecodeString(d.Policy.Content)
				op.Document, op.DocumentRaw, op.DocumentError = doc.Doc, doc.Raw, doc.Err
			}
			op.Targets = []snapshot.OrgTarget{}
			tp := organizations.NewListTargetsForPolicyPaginator(client, &organizations.ListTargetsForPolicyInput{PolicyId: s.Id})
			for tp.HasMorePages() {
				tpage, err := tp.NextPage(ctx)
				if err != nil {
					return nil, err
				}
				for _, t := range tpage.Targets {
					op.Targets = append(op.Targets, snapshot.OrgTarget{ID: aws.ToString(t.TargetId), ARN: aws.ToString(t.Arn), Name: aws.ToString(t.Name), Type: string(t.Type)})
				}
			}
			out = append(out, op)
		}
	}
	return out, nil
}

// memberTargets returns the active member accounts with credentials from
// assuming Options.RoleName in each. A member whose role cannot be assumed
// is still returned, with the error recorded, so that the snapshot lists
// it and its controls report ERROR instead of the account vanishing.
// Without a list of accounts --org cannot do its job: that is an error.
func (c *collection) memberTargets(ctx context.Context, cfg aws.Config, caller string, org *orgInfo) ([]target, error) {
	if org == nil || !org.listed {
		return nil, fmt.Errorf("aws: --org: the organization's accounts could not be listed from account %s (see the errors above, or run from the management account)", caller)
	}
	stsClient := sts.NewFromConfig(cfg)
	var out []target
	for _, a := range org.model.Accounts {
		if a.ID == caller || a.Status != string(types.AccountStateActive) || !c.owns(a.ID) {
			continue
		}
		roleARN := fmt.Sprintf("arn:%s:iam::%s:role/%s", c.partition, a.ID, c.opts.RoleName)
		provider := stscreds.NewAssumeRoleProvider(stsClient, roleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = "rampart-collect"
			o.Duration = time.Hour
			if c.opts.ExternalID != "" {
				o.ExternalID = aws.String(c.opts.ExternalID)
			}
		})
		mcfg := cfg.Copy()
		mcfg.Credentials = aws.NewCredentialsCache(provider)
		out = append(out, target{id: a.ID, cfg: mcfg, member: true})
	}
	return out, nil
}

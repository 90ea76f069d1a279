package gcp

import (
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapServiceAccount maps google_service_account. Its email, computed by
// the provider, is account_id@PROJECT.iam.gserviceaccount.com. A service
// account the plan does not create may hold keys made outside
// Terraform: whether it has a user-managed key is not decided.
func (b *builder) mapServiceAccount(in tf.Instance) {
	project, known := b.project(in)
	sa := &snapshot.GCPServiceAccount{
		Name: in.Address, Account: project, DisplayName: in.After.Str("display_name"),
		Disabled: in.After.BoolOr("disabled", false),
	}
	switch {
	case !tf.UnknownAt(in.Unknown, "email") && in.After.Str("email") != "":
		sa.Email = in.After.Str("email")
	case known && !tf.UnknownAt(in.Unknown, "account_id") && in.After.Str("account_id") != "":
		sa.Email = in.After.Str("account_id") + "@" + project + ".iam.gserviceaccount.com"
	default:
		b.m.Fail(unknownError("*", "email", in.Address, in.Address))
	}
	if !tf.UnknownAt(in.Unknown, "unique_id") {
		sa.UniqueID = in.After.Str("unique_id")
	}
	sa.Default = snapshot.GCPDefaultServiceAccount(sa.Email)
	if known {
		b.accounts[project] = true
	}
	if !in.Created {
		b.m.Fail(snapshot.CollectionError{Provider: provider, Account: project, Service: snapshot.GCPServiceAsset, Operation: snapshot.GCPContentResource,
			Code: CodeExistingServiceAccount, Resource: in.Address,
			Message: in.Address + " is not created by this plan: keys made outside Terraform are not in it"})
	}
	b.sas[in.Address] = sa
	b.saCreated[in.Address] = in.Created
}

// mapKey maps google_service_account_key: a key Terraform creates is
// always user-managed. Its account is named by service_account_id (an
// email, a unique ID or projects/P/serviceAccounts/EMAIL), or by a
// reference to a google_service_account of the plan.
func (b *builder) mapKey(in tf.Instance) {
	k := snapshot.GCPServiceAccountKey{Name: in.Address, KeyType: "USER_MANAGED", Disabled: false}
	if tf.UnknownAt(in.Unknown, "service_account_id") {
		addr, maybe := b.m.Resolve(in, "service_account_id", "google_service_account")
		if sa := b.sas[addr]; sa != nil {
			k.ServiceAccount, k.Account = sa.Email, sa.Account
		} else {
			// Any account it may belong to cannot pass "no
			// user-managed key".
			k.ServiceAccount = "(known after apply)"
			for _, c := range maybe {
				b.m.Fail(unknownError(snapshot.GCPContentResource, "service_account_id", in.Address, c))
			}
		}
	} else {
		id := in.After.Str("service_account_id")
		if p, rest, ok := strings.Cut(strings.TrimPrefix(id, "projects/"), "/serviceAccounts/"); ok {
			k.Account, id = p, rest
		}
		k.ServiceAccount = id
		for _, sa := range b.sas {
			if sa.Email == id || (sa.UniqueID != "" && sa.UniqueID == id) {
				k.Account = sa.Account
			}
		}
		if k.Account == "" || k.Account == "-" {
			k.Account = projectOfEmail(id)
		}
	}
	b.keys = append(b.keys, k)
}

// projectOfEmail is the project of a user-created service account's
// address (NAME@PROJECT.iam.gserviceaccount.com), "" otherwise.
func projectOfEmail(email string) string {
	_, domain, ok := strings.Cut(email, "@")
	if p, found := strings.CutSuffix(domain, ".iam.gserviceaccount.com"); ok && found {
		return p
	}
	return ""
}

// mapWIFProvider maps google_iam_workload_identity_pool_provider. Its
// attribute condition and mapping are what the control judges: unknown
// until apply, they make it ERROR.
func (b *builder) mapWIFProvider(in tf.Instance) {
	project, known := b.project(in)
	if known {
		b.accounts[project] = true
	}
	p := snapshot.GCPWIFProvider{
		Name: in.Address, Account: project, AllowedAudiences: []string{},
		AttributeCondition: in.After.Str("attribute_condition"), AttributeMapping: in.After.StringMap("attribute_mapping"),
		State: in.After.Str("state"), Disabled: in.After.BoolOr("disabled", false),
	}
	for _, kind := range []string{"oidc", "aws", "saml", "x509"} {
		if blk := in.After.Blocks(kind); len(blk) > 0 {
			p.Kind = kind
			p.IssuerURI = blk[0].Str("issuer_uri")
			p.AllowedAudiences = blk[0].Strs("allowed_audiences")
			break
		}
	}
	for _, attr := range []string{"attribute_condition", "attribute_mapping", "disabled", "oidc"} {
		if tf.UnknownAt(in.Unknown, attr) && b.m.Sets(in, attr) {
			b.m.Fail(unknownError("*", attr, in.Address, in.Address))
		}
	}
	b.wif = append(b.wif, p)
}

// mapInstance maps google_compute_instance: the service accounts it runs
// as and their scopes. A service_account block without email runs as the
// project's default Compute Engine account, whose address the plan does
// not know (it holds the project number): the snapshot says so with
// default "compute". An email that refers to a google_service_account of
// the plan is that account's.
func (b *builder) mapInstance(in tf.Instance) {
	project, known := b.project(in)
	if known {
		b.accounts[project] = true
	}
	inst := snapshot.GCPInstance{Name: in.Address, Account: project, ServiceAccounts: []snapshot.GCPInstanceServiceAcc{}}
	if tf.UnknownAt(in.Unknown, "service_account") && in.After.Blocks("service_account") == nil {
		b.m.Fail(unknownError("*", "service_account", in.Address, in.Address))
	}
	for i, blk := range in.After.Blocks("service_account") {
		u := tf.UnknownBlock(in.Unknown, "service_account", i)
		sa := snapshot.GCPInstanceServiceAcc{Email: blk.Str("email"), Scopes: blk.Strs("scopes")}
		if tf.UnknownAt(u, "scopes") {
			b.m.Fail(unknownError("*", "service_account scopes", in.Address, in.Address))
		}
		if tf.UnknownAt(u, "email") || sa.Email == "" {
			sa.Email = ""
			switch addr, _ := b.m.ResolveBlock(in, "service_account", i, "email", "google_service_account"); {
			case b.sas[addr] != nil && b.sas[addr].Email != "":
				sa.Email = b.sas[addr].Email
			case !b.m.BlockSets(in, "service_account", i, "email"):
				sa.Default = "compute"
			default:
				b.m.Fail(unknownError("*", "service_account email", in.Address, in.Address))
			}
		}
		if sa.Default == "" {
			sa.Default = snapshot.GCPDefaultServiceAccount(sa.Email)
		}
		inst.ServiceAccounts = append(inst.ServiceAccounts, sa)
	}
	b.instances = append(b.instances, inst)
}

// mapSink maps google_logging_{organization,folder,project}_sink. A sink
// whose filter or state is unknown until apply is left out: it cannot
// prove that everything is exported.
func (b *builder) mapSink(lv level, in tf.Instance) {
	c, ok := b.knownLevel(lv, in, snapshot.GCPContentResource)
	if !ok {
		return
	}
	for _, attr := range []string{"filter", "disabled", "include_children"} {
		if tf.UnknownAt(in.Unknown, attr) && b.m.Sets(in, attr) {
			b.m.Fail(unknownError(snapshot.GCPContentResource, attr, in.Address, in.Address))
			return
		}
	}
	b.sinks = append(b.sinks, snapshot.GCPLogSink{
		Name: in.Address, Parent: c.c.Name, Account: c.c.Account,
		Filter: in.After.Str("filter"), Destination: in.After.Str("destination"),
		IncludeChildren: in.After.BoolOr("include_children", false), Disabled: in.After.BoolOr("disabled", false),
	})
}

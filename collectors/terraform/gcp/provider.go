package gcp

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// Name is the Google provider's local name in plans. Resources of the
// google-beta provider have the same types and are mapped alike.
const Name = "google"

// provider is the snapshot's provider name of what this package maps.
const provider = "gcp"

// CodeExistingServiceAccount: a service account the plan does not create
// may hold keys made outside Terraform, so "no user-managed key" cannot
// be told from the plan.
const CodeExistingServiceAccount = "ExistingServiceAccount"

// Provider maps the google_* resources of a plan into the snapshot's gcp
// section.
type Provider struct{}

// New returns the Google provider.
func New() *Provider { return &Provider{} }

// Name is "google".
func (p *Provider) Name() string { return Name }

// Mappers lists the resource types read from plans. Service accounts are
// created first, so that keys, IAM members and instances that refer to
// one find its email.
func (p *Provider) Mappers() map[string]tf.Mapper {
	create := func(fn func(*builder, tf.Instance)) tf.Mapper { return tf.MapWith(tf.Create, p.builder, fn) }
	connect := func(fn func(*builder, tf.Instance)) tf.Mapper { return tf.MapWith(tf.Connect, p.builder, fn) }
	out := map[string]tf.Mapper{
		// Identities (identity.go)
		"google_service_account":                     create((*builder).mapServiceAccount),
		"google_service_account_key":                 connect((*builder).mapKey),
		"google_iam_workload_identity_pool_provider": create((*builder).mapWIFProvider),
		"google_compute_instance":                    connect((*builder).mapInstance),
		// Organization policies (orgpolicy.go)
		"google_org_policy_policy": create((*builder).mapOrgPolicyV2),
	}
	for _, lv := range levels {
		// IAM (iam.go)
		out["google_"+lv.kind+"_iam_member"] = connect(func(b *builder, in tf.Instance) { b.mapMember(lv, in) })
		out["google_"+lv.kind+"_iam_binding"] = connect(func(b *builder, in tf.Instance) { b.mapBinding(lv, in) })
		out["google_"+lv.kind+"_iam_policy"] = connect(func(b *builder, in tf.Instance) { b.mapPolicy(lv, in) })
		out["google_"+lv.kind+"_iam_audit_config"] = create(func(b *builder, in tf.Instance) { b.mapAuditConfig(lv, in) })
		out[lv.orgPolicy] = create(func(b *builder, in tf.Instance) { b.mapOrgPolicyV1(lv, in) })
		// Logging (identity.go)
		out["google_logging_"+lv.kind+"_sink"] = create(func(b *builder, in tf.Instance) { b.mapSink(lv, in) })
	}
	return out
}

// Finish writes the plan's gcp section, its scopes and the errors of
// what the plan does not show; a plan without google_* resources gets
// nothing.
func (p *Provider) Finish(m *tf.Mapping, s *snapshot.Snapshot) {
	if b := tf.State[builder](m, Name, nil); b != nil {
		b.finish(s)
	}
}

// builder returns the plan's builder, creating it on the first google_*
// resource.
func (p *Provider) builder(m *tf.Mapping) *builder {
	return tf.State(m, Name, func() *builder { return newBuilder(m) })
}

// unknownError is terraform.UnknownError for a GCP data source: service
// cloudasset and the content type the value belongs to.
func unknownError(content, attr, addr, resource string) snapshot.CollectionError {
	e := tf.UnknownError(provider, snapshot.GCPServiceAsset, attr, addr, resource)
	e.Operation = content
	return e
}

package terraform

import (
	"github.com/rampart-sec/rampart/snapshot"
)

// Provider maps the resources of one Terraform provider (aws, azurerm,
// google) into its snapshot section. A provider is a value shared by
// every plan it maps: what one plan builds lives in that plan's Mapping
// (see State), so one provider may map many plans, even at once.
// Providers are passed to Map explicitly (Options.Providers); nothing
// registers itself.
type Provider interface {
	// Name is the provider's local name as in provider blocks and
	// resource type prefixes ("aws", "azurerm", "google"). It keys the
	// provider's state in a Mapping.
	Name() string
	// Mappers are the resource types the provider reads, each with its
	// mapper. Types without a mapper are ignored.
	Mappers() map[string]Mapper
	// Finish writes what the mappers built for one plan into s: the
	// provider's section, its scopes and its scope-wide errors (recorded
	// with Mapping.Fail). It is called once per plan, after every mapper
	// of every provider has run, in the order of Options.Providers, also
	// when the plan has no resource of the provider.
	Finish(m *Mapping, s *snapshot.Snapshot)
}

// Phase orders mappers: every instance of phase Create is mapped before
// any of phase Connect, whatever the plan's order.
type Phase int

const (
	// Create is the phase of resources that are things of their own
	// (users, roles, policies, trails, storage accounts).
	Create Phase = iota
	// Connect is the phase of resources that connect things (attachments,
	// memberships, inline policies, keys, role assignments): what they
	// connect is known by then.
	Connect
)

// Mapper adds one resource instance of its type to the snapshot being
// built.
type Mapper struct {
	Phase Phase
	Map   func(m *Mapping, in Instance)
}

// MapWith is the Mapper of phase that hands each instance to fn with the
// provider's builder for the mapping, as of finds it: providers list
// their resource types as MapWith(tf.Create, p.builder, (*builder).mapX).
func MapWith[B any](phase Phase, of func(*Mapping) B, fn func(B, Instance)) Mapper {
	return Mapper{Phase: phase, Map: func(m *Mapping, in Instance) { fn(of(m), in) }}
}

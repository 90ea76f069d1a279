package azure

import (
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapLighthouseDefinition keeps azurerm_lighthouse_definition for the
// assignments that delegate it: a definition alone delegates nothing.
func (b *builder) mapLighthouseDefinition(in tf.Instance) { b.lighthouseByAddr[in.Address] = in }

// mapLighthouseAssignment maps azurerm_lighthouse_assignment: a delegation
// of its scope to the managing tenant of the definition it refers to. A
// definition outside the plan, or a managing tenant unknown until apply,
// leaves the delegation undecided.
func (b *builder) mapLighthouseAssignment(in tf.Instance) {
	id := b.subscriptionFor(in, "scope")
	st := b.sub(id)
	a := snapshot.AzureLighthouseAssignment{
		ID: in.Address, Scope: known(in, "scope"),
		Authorizations: []snapshot.AzureLighthouseGrant{}, EligibleAuthorizations: []snapshot.AzureLighthouseGrant{},
	}
	if a.Scope == "" {
		a.Scope = knownAfterApply
	}
	defID := known(in, "lighthouse_definition_id")
	addr, _ := b.m.Resolve(in, "lighthouse_definition_id", "azurerm_lighthouse_definition")
	def, ok := b.lighthouseByAddr[addr]
	if !ok && defID != "" {
		// Named by its ID: the plan's definition with that ID, if any.
		for _, d := range b.lighthouseByAddr {
			if v := known(d, "id"); v != "" && strings.EqualFold(v, defID) {
				def, ok = d, true
			}
		}
	}
	switch {
	case ok:
		a.RegistrationDefinitionID = def.Address
		a.DefinitionName = def.After.Str("name")
		a.ManagedByTenantID = strings.ToLower(known(def, "managing_tenant_id"))
		a.Authorizations = lighthouseGrants(def, "authorization")
		a.EligibleAuthorizations = lighthouseGrants(def, "eligible_authorization")
		if a.ManagedByTenantID == "" {
			b.unknown(id, "managedservices", "ListRegistrationAssignments", "managing_tenant_id", def, in.Address)
		}
	default:
		a.RegistrationDefinitionID = defID
		if defID == "" {
			a.RegistrationDefinitionID = knownAfterApply
		}
		b.fail(id, "managedservices", "ListRegistrationAssignments", CodeDefinitionNotInPlan, in.Address,
			"the registration definition "+a.RegistrationDefinitionID+" that "+in.Address+" delegates is not in this plan: its managing tenant cannot be read")
	}
	if st.sub.LighthouseAssignments == nil {
		st.sub.LighthouseAssignments = []snapshot.AzureLighthouseAssignment{}
	}
	st.sub.LighthouseAssignments = append(st.sub.LighthouseAssignments, a)
}

// lighthouseGrants reads a definition's authorization (or
// eligible_authorization) blocks.
func lighthouseGrants(def tf.Instance, key string) []snapshot.AzureLighthouseGrant {
	out := []snapshot.AzureLighthouseGrant{}
	for _, g := range def.After.Blocks(key) {
		out = append(out, snapshot.AzureLighthouseGrant{PrincipalID: g.Str("principal_id"), PrincipalDisplayName: g.Str("principal_display_name"), RoleDefinitionID: g.Str("role_definition_id")})
	}
	return out
}

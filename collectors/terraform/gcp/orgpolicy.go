package gcp

import (
	"encoding/json"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapOrgPolicyV1 maps google_{organization,folder,project}_organization_policy
// (the v1 API) into the level's organization policies, as the live
// collector normalises CAI's ORG_POLICY content.
func (b *builder) mapOrgPolicyV1(lv level, in tf.Instance) {
	c, ok := b.knownLevel(lv, in, snapshot.GCPContentOrgPolicy)
	if !ok {
		return
	}
	if b.unknownPolicy(in, "constraint", "boolean_policy", "list_policy", "restore_policy") {
		return
	}
	op := snapshot.GCPOrgPolicy{
		Constraint: strings.TrimPrefix(in.After.Str("constraint"), "constraints/"), Version: "v1",
		AllowedValues: []string{}, DeniedValues: []string{},
	}
	if rp := in.After.Blocks("restore_policy"); len(rp) > 0 && rp[0].BoolOr("default", false) {
		op.RestoreDefault = true
	} else if bp := in.After.Blocks("boolean_policy"); len(bp) > 0 {
		e := bp[0].BoolOr("enforced", false)
		op.Enforced = &e
	} else if lp := in.After.Blocks("list_policy"); len(lp) > 0 {
		l := lp[0]
		op.InheritFromParent = l.BoolOr("inherit_from_parent", false)
		if a := l.Blocks("allow"); len(a) > 0 {
			op.AllowedValues = append(op.AllowedValues, a[0].Strs("values")...)
			if a[0].BoolOr("all", false) {
				op.AllValues = "ALLOW"
			}
		}
		if d := l.Blocks("deny"); len(d) > 0 {
			op.DeniedValues = append(op.DeniedValues, d[0].Strs("values")...)
			if d[0].BoolOr("all", false) {
				op.AllValues = "DENY"
			}
		}
	}
	c.orgs = append(c.orgs, op)
}

// unknownPolicy records an error on in for the first of attrs unknown
// until apply: the policy is then left out, so it proves nothing.
func (b *builder) unknownPolicy(in tf.Instance, attrs ...string) bool {
	for _, attr := range attrs {
		if tf.UnknownAt(in.Unknown, attr) {
			b.m.Fail(unknownError(snapshot.GCPContentOrgPolicy, attr, in.Address, in.Address))
			return true
		}
	}
	return false
}

// mapOrgPolicyV2 maps google_org_policy_policy (the v2 API, which the
// managed iam.managed.* constraints use). Its level is its parent
// (organizations/N, folders/N, projects/P); its constraint ends its name.
// Only unconditional rules decide, as in the live collector.
func (b *builder) mapOrgPolicyV2(in tf.Instance) {
	if b.unknownPolicy(in, "name", "parent", "spec") {
		return
	}
	parent := in.After.Str("parent")
	_, constraint, found := strings.Cut(in.After.Str("name"), "/policies/")
	coll, id, _ := strings.Cut(parent, "/")
	var lv *level
	for i := range levels {
		if levels[i].coll == coll {
			lv = &levels[i]
		}
	}
	if !found || lv == nil || id == "" {
		b.m.Fail(snapshot.CollectionError{Provider: provider, Service: snapshot.GCPServiceAsset, Operation: snapshot.GCPContentOrgPolicy, Code: "InvalidPolicyName", Resource: in.Address,
			Message: "name or parent of " + in.Address + " is not <organizations|folders|projects>/ID/policies/CONSTRAINT"})
		return
	}
	c := b.levelNamed(*lv, id)
	op := snapshot.GCPOrgPolicy{Constraint: constraint, Version: "v2", AllowedValues: []string{}, DeniedValues: []string{}}
	for _, spec := range in.After.Blocks("spec") {
		op.InheritFromParent = spec.BoolOr("inherit_from_parent", false)
		op.RestoreDefault = spec.BoolOr("reset", false)
		for _, r := range spec.Blocks("rules") {
			if len(r.Blocks("condition")) > 0 {
				op.Conditional = true
				continue
			}
			if e := r.Str("enforce"); e != "" {
				v := strings.EqualFold(e, "TRUE")
				op.Enforced = &v
			}
			switch {
			case strings.EqualFold(r.Str("allow_all"), "TRUE"):
				op.AllValues = "ALLOW"
			case strings.EqualFold(r.Str("deny_all"), "TRUE"):
				op.AllValues = "DENY"
			}
			for _, v := range r.Blocks("values") {
				op.AllowedValues = append(op.AllowedValues, v.Strs("allowed_values")...)
				op.DeniedValues = append(op.DeniedValues, v.Strs("denied_values")...)
			}
			if p := r.Str("parameters"); p != "" && json.Valid([]byte(p)) {
				op.Parameters = json.RawMessage(p)
			}
		}
	}
	c.orgs = append(c.orgs, op)
}

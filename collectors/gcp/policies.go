package gcp

import (
	"encoding/json"
	"strings"

	"cloud.google.com/go/iam/apiv1/iampb"
	"cloud.google.com/go/orgpolicy/apiv1/orgpolicypb"

	"github.com/rampart-sec/rampart/snapshot"
)

func bindings(p *iampb.Policy) []snapshot.GCPBinding {
	out := []snapshot.GCPBinding{}
	for _, b := range p.GetBindings() {
		sb := snapshot.GCPBinding{Role: b.GetRole(), Members: append([]string{}, b.GetMembers()...)}
		if c := b.GetCondition(); c != nil {
			sb.Condition = &snapshot.GCPCondition{Title: c.GetTitle(), Description: c.GetDescription(), Expression: c.GetExpression()}
		}
		out = append(out, sb)
	}
	return out
}

func auditConfigs(p *iampb.Policy) []snapshot.GCPAuditConfig {
	out := []snapshot.GCPAuditConfig{}
	for _, ac := range p.GetAuditConfigs() {
		c := snapshot.GCPAuditConfig{Service: ac.GetService(), LogConfigs: []snapshot.GCPAuditLogConfig{}}
		for _, lc := range ac.GetAuditLogConfigs() {
			c.LogConfigs = append(c.LogConfigs, snapshot.GCPAuditLogConfig{
				LogType:         lc.GetLogType().String(),
				ExemptedMembers: append([]string{}, lc.GetExemptedMembers()...),
			})
		}
		out = append(out, c)
	}
	return out
}

// orgPolicyV1 normalises a v1 organization policy (CAI ORG_POLICY content).
func orgPolicyV1(p *orgpolicypb.Policy) snapshot.GCPOrgPolicy {
	op := snapshot.GCPOrgPolicy{
		Constraint:    strings.TrimPrefix(p.GetConstraint(), "constraints/"),
		Version:       "v1",
		AllowedValues: []string{},
		DeniedValues:  []string{},
	}
	switch {
	case p.GetRestoreDefault() != nil:
		op.RestoreDefault = true
	case p.GetBooleanPolicy() != nil:
		e := p.GetBooleanPolicy().GetEnforced()
		op.Enforced = &e
	case p.GetListPolicy() != nil:
		l := p.GetListPolicy()
		op.AllowedValues = append(op.AllowedValues, l.GetAllowedValues()...)
		op.DeniedValues = append(op.DeniedValues, l.GetDeniedValues()...)
		op.InheritFromParent = l.GetInheritFromParent()
		switch l.GetAllValues() {
		case orgpolicypb.Policy_ListPolicy_ALLOW:
			op.AllValues = "ALLOW"
		case orgpolicypb.Policy_ListPolicy_DENY:
			op.AllValues = "DENY"
		}
	}
	return op
}

// v2Policy is the resource data of orgpolicy.googleapis.com/Policy.
type v2Policy struct {
	Name string `json:"name"`
	Spec *struct {
		Rules []struct {
			Values *struct {
				AllowedValues []string `json:"allowedValues"`
				DeniedValues  []string `json:"deniedValues"`
			} `json:"values"`
			AllowAll   bool            `json:"allowAll"`
			DenyAll    bool            `json:"denyAll"`
			Enforce    *bool           `json:"enforce"`
			Condition  json.RawMessage `json:"condition"`
			Parameters json.RawMessage `json:"parameters"`
		} `json:"rules"`
		InheritFromParent bool `json:"inheritFromParent"`
		Reset             bool `json:"reset"`
	} `json:"spec"`
}

// orgPolicyV2 normalises a v2 policy. Only unconditional rules decide; a
// conditional rule is recorded as such and never counted as enforcement.
func orgPolicyV2(raw []byte) (container string, op snapshot.GCPOrgPolicy, ok bool) {
	var p v2Policy
	if json.Unmarshal(raw, &p) != nil || p.Name == "" {
		return "", op, false
	}
	parent, constraint, found := strings.Cut(p.Name, "/policies/")
	if !found {
		return "", op, false
	}
	op = snapshot.GCPOrgPolicy{Constraint: constraint, Version: "v2", AllowedValues: []string{}, DeniedValues: []string{}}
	if p.Spec == nil {
		return fullName(parent), op, true
	}
	op.InheritFromParent = p.Spec.InheritFromParent
	op.RestoreDefault = p.Spec.Reset
	for _, r := range p.Spec.Rules {
		if len(r.Condition) > 0 && string(r.Condition) != "null" {
			op.Conditional = true
			continue
		}
		if r.Enforce != nil {
			e := *r.Enforce
			op.Enforced = &e
		}
		switch {
		case r.AllowAll:
			op.AllValues = "ALLOW"
		case r.DenyAll:
			op.AllValues = "DENY"
		}
		if r.Values != nil {
			op.AllowedValues = append(op.AllowedValues, r.Values.AllowedValues...)
			op.DeniedValues = append(op.DeniedValues, r.Values.DeniedValues...)
		}
		if len(r.Parameters) > 0 && string(r.Parameters) != "null" {
			op.Parameters = append(json.RawMessage{}, r.Parameters...)
		}
	}
	return fullName(parent), op, true
}

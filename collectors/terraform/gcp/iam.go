package gcp

import (
	"encoding/json"
	"fmt"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// iamLevel returns the container an IAM resource sets bindings on; a
// level unknown until apply makes every IAM result on it ERROR.
func (b *builder) iamLevel(lv level, in tf.Instance) *container {
	c := b.level(lv, in)
	c.hasBindings = true
	if !c.known {
		b.unknownLevel(lv, in, snapshot.GCPContentIAMPolicy)
	}
	return c
}

// addBinding merges members into the binding of role under condition.
func (c *container) addBinding(role string, cond *snapshot.GCPCondition, members []string) {
	key := role
	if cond != nil {
		key += "\x00" + cond.Title + "\x00" + cond.Expression
	}
	bd := c.bindings[key]
	if bd == nil {
		bd = &snapshot.GCPBinding{Role: role, Members: []string{}, Condition: cond}
		c.bindings[key] = bd
		c.order = append(c.order, key)
	}
	for _, m := range members {
		if !contains(bd.Members, m) {
			bd.Members = append(bd.Members, m)
		}
	}
}

// condition reads an IAM condition block; nil when none.
func condition(v tf.Values) *snapshot.GCPCondition {
	cs := v.Blocks("condition")
	if len(cs) == 0 {
		return nil
	}
	return &snapshot.GCPCondition{Title: cs[0].Str("title"), Description: cs[0].Str("description"), Expression: cs[0].Str("expression")}
}

// knownRole reads role and condition, recording an error on c when one is
// unknown until apply.
func (b *builder) knownRole(c *container, in tf.Instance) (string, *snapshot.GCPCondition, bool) {
	for _, attr := range []string{"role", "condition"} {
		if tf.UnknownAt(in.Unknown, attr) {
			b.m.Fail(unknownError(snapshot.GCPContentIAMPolicy, attr, in.Address, c.c.Name))
			return "", nil, false
		}
	}
	return in.After.Str("role"), condition(in.After), true
}

// mapMember maps google_*_iam_member: one member added to a role.
// A member unknown until apply that refers to a service account of the
// plan (serviceAccount:${google_service_account.x.email}, or its member
// attribute) is that account.
func (b *builder) mapMember(lv level, in tf.Instance) {
	c := b.iamLevel(lv, in)
	role, cond, ok := b.knownRole(c, in)
	if !ok {
		return
	}
	member := in.After.Str("member")
	if tf.UnknownAt(in.Unknown, "member") {
		member = ""
		if addr, _ := b.m.Resolve(in, "member", "google_service_account"); addr != "" && b.sas[addr] != nil && b.sas[addr].Email != "" {
			member = "serviceAccount:" + b.sas[addr].Email
		}
	}
	if member == "" {
		b.m.Fail(unknownError(snapshot.GCPContentIAMPolicy, "member", in.Address, c.c.Name))
		return
	}
	c.addBinding(role, cond, []string{member})
}

// mapBinding maps google_*_iam_binding: the members of a role
// (authoritative for that role).
func (b *builder) mapBinding(lv level, in tf.Instance) {
	c := b.iamLevel(lv, in)
	role, cond, ok := b.knownRole(c, in)
	if !ok {
		return
	}
	if tf.UnknownAt(in.Unknown, "members") {
		b.m.Fail(unknownError(snapshot.GCPContentIAMPolicy, "members", in.Address, c.c.Name))
		return
	}
	c.addBinding(role, cond, in.After.Strs("members"))
}

// policyData is the JSON of policy_data, as the google_iam_policy data
// source renders it.
type policyData struct {
	Bindings []struct {
		Role      string   `json:"role"`
		Members   []string `json:"members"`
		Condition *struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Expression  string `json:"expression"`
		} `json:"condition"`
	} `json:"bindings"`
	AuditConfigs []struct {
		Service         string `json:"service"`
		AuditLogConfigs []struct {
			LogType         string   `json:"logType"`
			ExemptedMembers []string `json:"exemptedMembers"`
		} `json:"auditLogConfigs"`
	} `json:"auditConfigs"`
}

// mapPolicy maps google_*_iam_policy: the whole IAM policy of the level.
// Audit configs are known from it only when its policy_data has some:
// whether the provider keeps the level's other audit configs is not
// something to guess.
func (b *builder) mapPolicy(lv level, in tf.Instance) {
	c := b.iamLevel(lv, in)
	c.authoritative = true
	if tf.UnknownAt(in.Unknown, "policy_data") {
		b.m.Fail(unknownError(snapshot.GCPContentIAMPolicy, "policy_data", in.Address, c.c.Name))
		return
	}
	var p policyData
	if err := json.Unmarshal([]byte(in.After.Str("policy_data")), &p); err != nil {
		b.m.Fail(snapshot.CollectionError{Provider: provider, Account: c.c.Account, Service: snapshot.GCPServiceAsset, Operation: snapshot.GCPContentIAMPolicy,
			Code: "InvalidPolicyData", Resource: c.c.Name, Message: fmt.Sprintf("policy_data of %s is not an IAM policy in JSON: %v", in.Address, err)})
		return
	}
	for _, bd := range p.Bindings {
		var cond *snapshot.GCPCondition
		if bd.Condition != nil {
			cond = &snapshot.GCPCondition{Title: bd.Condition.Title, Description: bd.Condition.Description, Expression: bd.Condition.Expression}
		}
		c.addBinding(bd.Role, cond, bd.Members)
	}
	for _, ac := range p.AuditConfigs {
		cfg := snapshot.GCPAuditConfig{Service: ac.Service, LogConfigs: []snapshot.GCPAuditLogConfig{}}
		for _, lc := range ac.AuditLogConfigs {
			cfg.LogConfigs = append(cfg.LogConfigs, snapshot.GCPAuditLogConfig{LogType: lc.LogType, ExemptedMembers: nonNil(lc.ExemptedMembers)})
		}
		c.audit[ac.Service] = &cfg
		c.auditKnown = true
	}
}

// mapAuditConfig maps google_*_iam_audit_config: the audit config of one
// service (authoritative for it). The control reads the allServices
// config: the level's audit configs are known once that one is declared.
func (b *builder) mapAuditConfig(lv level, in tf.Instance) {
	c, ok := b.knownLevel(lv, in, snapshot.GCPContentIAMPolicy)
	if !ok {
		return
	}
	for _, attr := range []string{"service", "audit_log_config"} {
		if tf.UnknownAt(in.Unknown, attr) {
			// Left out: the level's audit configs stay unknown unless
			// another resource declares them, so nothing is decided.
			b.m.Fail(unknownError(snapshot.GCPContentIAMPolicy, attr, in.Address, in.Address))
			return
		}
	}
	svc := in.After.Str("service")
	cfg := snapshot.GCPAuditConfig{Service: svc, LogConfigs: []snapshot.GCPAuditLogConfig{}}
	for _, lc := range in.After.Blocks("audit_log_config") {
		cfg.LogConfigs = append(cfg.LogConfigs, snapshot.GCPAuditLogConfig{LogType: lc.Str("log_type"), ExemptedMembers: lc.Strs("exempted_members")})
	}
	c.audit[svc] = &cfg
	if svc == "allServices" {
		c.auditKnown = true
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

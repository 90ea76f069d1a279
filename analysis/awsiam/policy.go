package awsiam

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Statement is one parsed policy statement. Actions are lower-cased
// (IAM action names are case-insensitive); resources keep their case.
type Statement struct {
	Sid   string
	Allow bool
	// Actions or NotActions (exactly one is set in a valid statement).
	Actions    []string
	NotActions []string
	// Resources or NotResources; both empty in a trust policy.
	Resources    []string
	NotResources []string
	// Principals / NotPrincipals of a resource policy (trust policy), by
	// type ("AWS", "Service", "Federated", "CanonicalUser"); "*" alone is
	// stored as {"AWS": ["*"]}.
	Principals    map[string][]string
	NotPrincipals map[string][]string
	Conditions    []Condition
	// HasVars is true when a resource or condition value holds a policy
	// variable, so the statement must be rendered per principal.
	HasVars bool
	// Source names the policy the statement comes from, for evidence
	// ("managed arn:...", "inline NAME", "group G: managed arn:...").
	Source string
}

// Condition is one key of a Condition block under one operator.
type Condition struct {
	// Operator is the base operator without set prefix or IfExists
	// ("StringEquals", "ArnLike", "Bool", "Null", ...).
	Operator string
	// Set is "", "ForAnyValue" or "ForAllValues".
	Set      string
	IfExists bool
	// Key is lower-cased (condition keys are case-insensitive).
	Key    string
	Values []string
}

// Policy is a parsed policy document.
type Policy struct {
	Statements []*Statement
}

// ParsePolicy reads a policy document as the snapshot holds it (a JSON
// object). Single values and lists are both accepted wherever IAM accepts
// them; numbers and booleans are read as their text, as IAM does.
func ParsePolicy(doc json.RawMessage, source string) (*Policy, error) {
	var raw struct {
		Statement json.RawMessage
	}
	if len(doc) == 0 || string(doc) == "null" {
		return nil, fmt.Errorf("no document")
	}
	if err := json.Unmarshal(doc, &raw); err != nil {
		return nil, err
	}
	var list []json.RawMessage
	switch {
	case len(raw.Statement) == 0 || string(raw.Statement) == "null":
	case raw.Statement[0] == '[':
		if err := json.Unmarshal(raw.Statement, &list); err != nil {
			return nil, err
		}
	default:
		list = []json.RawMessage{raw.Statement}
	}
	p := &Policy{}
	for i, s := range list {
		st, err := parseStatement(s)
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", i+1, err)
		}
		st.Source = source
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

func parseStatement(b json.RawMessage) (*Statement, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	s := &Statement{}
	for k, v := range raw {
		var err error
		switch k {
		case "Sid":
			s.Sid, _ = text(v)
		case "Effect":
			e, _ := text(v)
			switch e {
			case "Allow":
				s.Allow = true
			case "Deny":
			default:
				return nil, fmt.Errorf("Effect %q is neither Allow nor Deny", e)
			}
		case "Action":
			s.Actions, err = lowered(v)
		case "NotAction":
			s.NotActions, err = lowered(v)
		case "Resource":
			s.Resources, err = texts(v)
		case "NotResource":
			s.NotResources, err = texts(v)
		case "Principal":
			s.Principals, err = principals(v)
		case "NotPrincipal":
			s.NotPrincipals, err = principals(v)
		case "Condition":
			s.Conditions, err = conditions(v)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	if _, ok := raw["Effect"]; !ok {
		return nil, fmt.Errorf("no Effect")
	}
	for _, r := range append(append([]string{}, s.Resources...), s.NotResources...) {
		if strings.Contains(r, "${") {
			s.HasVars = true
		}
	}
	for _, c := range s.Conditions {
		for _, v := range c.Values {
			if strings.Contains(v, "${") {
				s.HasVars = true
			}
		}
	}
	return s, nil
}

// text reads a scalar as IAM does: strings as they are, numbers and
// booleans as their JSON text.
func text(v json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s, true
	}
	t := strings.TrimSpace(string(v))
	if t == "" || t[0] == '{' || t[0] == '[' || t == "null" {
		return "", false
	}
	return t, true
}

func texts(v json.RawMessage) ([]string, error) {
	if t, ok := text(v); ok {
		return []string{t}, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, fmt.Errorf("expected a string or a list of strings")
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		t, ok := text(x)
		if !ok {
			return nil, fmt.Errorf("expected a string, got %s", x)
		}
		out = append(out, t)
	}
	return out, nil
}

func lowered(v json.RawMessage) ([]string, error) {
	out, err := texts(v)
	for i := range out {
		out[i] = strings.ToLower(out[i])
	}
	return out, err
}

func principals(v json.RawMessage) (map[string][]string, error) {
	if t, ok := text(v); ok {
		if t != "*" {
			return nil, fmt.Errorf("a principal string must be \"*\"")
		}
		return map[string][]string{"AWS": {"*"}}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, fmt.Errorf("expected \"*\" or an object")
	}
	out := map[string][]string{}
	for k, x := range m {
		vs, err := texts(x)
		if err != nil {
			return nil, err
		}
		out[k] = vs
	}
	return out, nil
}

func conditions(v json.RawMessage) ([]Condition, error) {
	var m map[string]map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, fmt.Errorf("expected an object of operators")
	}
	var out []Condition
	for op, block := range m {
		base, set := op, ""
		if i := strings.Index(op, ":"); i >= 0 {
			set, base = op[:i], op[i+1:]
		}
		ifExists := false
		if b, ok := strings.CutSuffix(base, "IfExists"); ok {
			base, ifExists = b, true
		}
		for key, vals := range block {
			vs, err := texts(vals)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", op, key, err)
			}
			out = append(out, Condition{Operator: base, Set: set, IfExists: ifExists, Key: strings.ToLower(key), Values: vs})
		}
	}
	// Map order is random; evidence and tests want a stable order.
	sortConditions(out)
	return out, nil
}

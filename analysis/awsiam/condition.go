package awsiam

import (
	"sort"
	"strings"
)

// Tri is a three-valued truth: what a condition is when the snapshot
// cannot tell.
type Tri int8

// The three truth values.
const (
	False Tri = iota
	True
	Unknown
)

// Context holds the condition keys of one request, lower-cased. A key in
// Known has those values; a key in Absent is known not to be in the
// request (aws:username for a role); any other key is undecided.
type Context struct {
	Known  map[string][]string
	Absent map[string]bool
	// Parent is consulted for keys this context does not hold: a
	// request's keys sit on top of the principal's.
	Parent *Context
}

// lookup returns a key's values and whether they are known (True),
// absent (False) or undecided (Unknown). Keys are lower-case, tag keys
// included (tag keys compare case-insensitively in conditions).
func (c *Context) lookup(key string) ([]string, Tri) {
	for ; c != nil; c = c.Parent {
		if v, ok := c.Known[key]; ok {
			return v, True
		}
		if c.Absent[key] {
			return nil, False
		}
		// "aws:principaltag/*" in Absent: every tag not in Known is absent
		// (tags are collected whole).
		if i := strings.IndexByte(key, '/'); i >= 0 && c.Absent[key[:i+1]+"*"] {
			return nil, False
		}
	}
	return nil, Unknown
}

func sortConditions(cs []Condition) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Key != cs[j].Key {
			return cs[i].Key < cs[j].Key
		}
		if cs[i].Operator != cs[j].Operator {
			return cs[i].Operator < cs[j].Operator
		}
		return cs[i].Set < cs[j].Set
	})
}

// negated operators are true when the key is absent from the request
// ("If the policy condition requires that the key is not matched, such as
// StringNotLike or ArnNotLike, and the right key is not present, the
// condition is true": IAM User Guide, condition operators).
var negated = map[string]string{
	"StringNotEquals":           "StringEquals",
	"StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
	"StringNotLike":             "StringLike",
	"ArnNotEquals":              "ArnEquals",
	"ArnNotLike":                "ArnLike",
	"NumericNotEquals":          "NumericEquals",
	"DateNotEquals":             "DateEquals",
	"NotIpAddress":              "IpAddress",
}

// Eval evaluates one condition against the request context. values are
// the condition's values with policy variables already rendered; ok is
// false when a value holds a variable the snapshot cannot resolve.
func (c Condition) Eval(ctx *Context, values []string, ok bool) Tri {
	have, state := ctx.lookup(c.Key)
	if c.Operator == "Null" {
		if state == Unknown || len(c.Values) != 1 {
			return Unknown
		}
		wantAbsent := strings.EqualFold(c.Values[0], "true")
		return boolTri((state == False) == wantAbsent)
	}
	base, neg := c.Operator, false
	if b, isNeg := negated[base]; isNeg {
		base, neg = b, true
	}
	if state == Unknown {
		return Unknown
	}
	if state == False || len(have) == 0 {
		switch {
		case c.IfExists, c.Set == "ForAllValues", neg && c.Set != "ForAnyValue":
			return True
		default:
			return False
		}
	}
	if !ok {
		return Unknown
	}
	match := func(v string) Tri {
		any := False
		for _, want := range values {
			switch t := compare(base, want, v); t {
			case True:
				return True
			case Unknown:
				any = Unknown
			}
		}
		return any
	}
	one := func(v string) Tri {
		t := match(v)
		if neg {
			t = not(t)
		}
		return t
	}
	if c.Set == "ForAllValues" {
		out := True
		for _, v := range have {
			out = and(out, one(v))
		}
		return out
	}
	// Plain operators on a multi-valued key behave as ForAnyValue.
	out := False
	for _, v := range have {
		out = or(out, one(v))
	}
	return out
}

// compare applies a base operator to one policy value and one request
// value. Operators on numbers, dates, IP ranges and binary data are
// undecided: the snapshot never knows those request values anyway.
func compare(op, want, have string) Tri {
	switch op {
	case "StringEquals":
		return boolTri(want == have)
	case "StringEqualsIgnoreCase":
		return boolTri(strings.EqualFold(want, have))
	case "StringLike", "ArnLike", "ArnEquals":
		// ArnEquals accepts wildcards as ArnLike does.
		return boolTri(Match(want, have))
	case "Bool":
		return boolTri(strings.EqualFold(want, have))
	}
	return Unknown
}

func boolTri(b bool) Tri {
	if b {
		return True
	}
	return False
}

func not(t Tri) Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

func and(a, b Tri) Tri {
	if a == False || b == False {
		return False
	}
	if a == Unknown || b == Unknown {
		return Unknown
	}
	return True
}

func or(a, b Tri) Tri {
	if a == True || b == True {
		return True
	}
	if a == Unknown || b == Unknown {
		return Unknown
	}
	return False
}

// relink returns c's chain (shallow copies of its nodes, maps shared) with
// base appended at its end: request keys over resource keys over the
// principal's keys, without rebuilding any map.
func relink(c, base *Context) *Context {
	if c == nil {
		return base
	}
	cp := *c
	cp.Parent = relink(c.Parent, base)
	return &cp
}

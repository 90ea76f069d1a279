package terraform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

// fake is a provider of made-up "fake_*" types that writes down what the
// machinery shows it, so the registry is tested without any cloud.
type fake struct {
	name, prefix string // prefix of its types: "fake" maps fake_thing
	log          *[]string
}

type fakeState struct{ mapped []string }

func (f fake) Name() string { return f.name }

func (f fake) Mappers() map[string]Mapper {
	record := func(phase string) func(*Mapping, Instance) {
		return func(m *Mapping, in Instance) {
			st := State(m, f.name, func() *fakeState { return &fakeState{} })
			st.mapped = append(st.mapped, phase+" "+in.Address)
			switch strings.TrimPrefix(in.Type, f.prefix) {
			case "_link":
				addr, maybe := m.Resolve(in, "target", "fake_thing")
				*f.log = append(*f.log, "resolve "+in.Address+" -> "+addr+" maybe "+strings.Join(maybe, ","))
				refs, only := m.Referenced(in, "target", "fake_thing")
				*f.log = append(*f.log, fmt.Sprintf("referenced %s only %v", strings.Join(refs, ","), only))
				m.Fail(UnknownError(f.name, "svc", "target", in.Address, "b-resource"))
				m.Fail(UnknownError(f.name, "svc", "other", in.Address, "a-resource"))
			case "_thing":
				*f.log = append(*f.log, "key "+in.Address+" = "+m.ProviderKey(in))
			}
		}
	}
	return map[string]Mapper{
		f.prefix + "_thing": {Phase: Create, Map: record("create")},
		f.prefix + "_link":  {Phase: Connect, Map: record("connect")},
	}
}

func (f fake) Finish(m *Mapping, s *snapshot.Snapshot) {
	st := State[fakeState](m, f.name, nil)
	if st == nil {
		*f.log = append(*f.log, "finish "+f.name+": nothing")
		return
	}
	*f.log = append(*f.log, "finish "+f.name+": "+strings.Join(st.mapped, "; "))
	s.Scopes = append(s.Scopes, snapshot.Scope{Provider: f.name, Account: "scope-of-" + f.name})
}

// The link comes first in the plan but is mapped after the things; the
// reference without a key picks the instance with the link's own key.
const fakePlan = `{"format_version": "1.2", "resource_changes": [
	{"address": "fake_link.l[\"b\"]", "mode": "managed", "type": "fake_link", "name": "l", "index": "b", "change": {"actions": ["create"], "after": {}, "after_unknown": {"target": true}}},
	{"address": "fake_thing.t[\"a\"]", "mode": "managed", "type": "fake_thing", "name": "t", "index": "a", "change": {"actions": ["create"], "after": {}}},
	{"address": "fake_thing.t[\"b\"]", "mode": "managed", "type": "fake_thing", "name": "t", "index": "b", "change": {"actions": ["update"], "after": {}}},
	{"address": "fake_thing.gone", "mode": "managed", "type": "fake_thing", "name": "gone", "change": {"actions": ["delete"], "after": null}},
	{"address": "other_thing.x", "mode": "managed", "type": "other_thing", "name": "x", "change": {"actions": ["create"], "after": {}}}
], "configuration": {
	"provider_config": {
		"fake": {"name": "fake", "expressions": {"region": {"constant_value": "north"}}},
		"fake.z": {"name": "fake", "alias": "z", "expressions": {"assume": [{"role": {"constant_value": "first"}}, {"role": {"references": ["var.r"]}}, {"role": {"constant_value": "last"}}]}},
		"fake.a": {"name": "fake", "alias": "a", "expressions": {"region": {"references": ["var.r"]}}},
		"other": {"name": "other"}
	},
	"root_module": {"resources": [
		{"address": "fake_link.l", "mode": "managed", "type": "fake_link", "name": "l", "provider_config_key": "fake",
		 "expressions": {"target": {"references": ["fake_thing.t", "each.key"]}}},
		{"address": "fake_thing.t", "mode": "managed", "type": "fake_thing", "name": "t", "provider_config_key": "fake.z"}
	]}}}`

func TestProvidersAndMapping(t *testing.T) {
	var log []string
	s, err := Map("p.json", []byte(fakePlan), Options{Providers: []Provider{fake{"fake", "fake", &log}, fake{"idle", "idle", &log}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`key fake_thing.t["a"] = fake.z`,
		`key fake_thing.t["b"] = fake.z`,
		`resolve fake_link.l["b"] -> fake_thing.t["b"] maybe `,
		`referenced fake_thing.t["a"],fake_thing.t["b"] only true`,
		`finish fake: create fake_thing.t["a"]; create fake_thing.t["b"]; connect fake_link.l["b"]`,
		`finish idle: nothing`,
	}
	if strings.Join(log, "\n") != strings.Join(want, "\n") {
		t.Errorf("log:\n%s\nwant:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
	}
	if len(s.Scopes) != 1 || s.Scopes[0].Provider != "fake" {
		t.Errorf("scopes %+v", s.Scopes)
	}
	// Errors are ordered by resource, then message.
	if len(s.Errors) != 2 || s.Errors[0].Resource != "a-resource" || s.Errors[0].Message != `other of fake_link.l["b"] is unknown until apply` || s.Errors[0].Code != CodeUnknownUntilApply {
		t.Errorf("errors %+v", s.Errors)
	}
}

func TestProviderConfig(t *testing.T) {
	p, err := Decode("p.json", []byte(fakePlan))
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMapping(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.ProviderKeys("fake"), ","); got != "fake,fake.a,fake.z" {
		t.Errorf("ProviderKeys = %s, want the default block first", got)
	}
	for _, tc := range []struct {
		key, arg string
		want     any
	}{
		{"fake", "region", "north"},
		{"fake.a", "region", nil}, // a reference, not a constant
		{"fake.z", "region", nil},
		{"missing", "region", nil},
	} {
		if got := m.ProviderConstant(tc.key, tc.arg); got != tc.want {
			t.Errorf("ProviderConstant(%s, %s) = %v", tc.key, tc.arg, got)
		}
	}
	// Nested blocks in order, a non-constant as nil.
	if got := fmt.Sprint(m.ProviderBlockConstants("fake.z", "assume", "role")); got != "[first <nil> last]" {
		t.Errorf("ProviderBlockConstants = %s", got)
	}
	if got := m.ProviderBlockConstants("fake", "assume", "role"); got != nil {
		t.Errorf("ProviderBlockConstants without blocks = %v", got)
	}
}

// Two providers claiming one type are a programming error, not a silent
// choice by order.
func TestDuplicateResourceType(t *testing.T) {
	var log []string
	_, err := Map("p.json", []byte(fakePlan), Options{Providers: []Provider{fake{"fake", "fake", &log}, fake{"copy", "fake", &log}}})
	if err == nil || !strings.Contains(err.Error(), "mapped by both the fake and the copy provider") {
		t.Errorf("err = %v", err)
	}
}

// A plan of types no provider maps is an empty snapshot, not an error.
func TestNoProviders(t *testing.T) {
	s, err := Map("p.json", []byte(fakePlan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.AWS != nil || len(s.Scopes) != 0 || len(s.Errors) != 0 {
		t.Errorf("%+v", s)
	}
}

// ResolveAll tells a list's elements only when every reference names one
// instance of the type and nothing else enters the list.
func TestResolveAll(t *testing.T) {
	const listPlan = `{"format_version": "1.2", "resource_changes": [
		{"address": "fake_thing.a", "mode": "managed", "type": "fake_thing", "name": "a", "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.k[0]", "mode": "managed", "type": "fake_thing", "name": "k", "index": 0, "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.k[1]", "mode": "managed", "type": "fake_thing", "name": "k", "index": 1, "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_link.l[1]", "mode": "managed", "type": "fake_link", "name": "l", "index": 1, "change": {"actions": ["create"], "after": {}}}
	], "configuration": {"root_module": {"resources": [
		{"address": "fake_link.l", "mode": "managed", "type": "fake_link", "name": "l", "expressions": {
			"two": {"references": ["fake_thing.a.name", "fake_thing.a", "fake_thing.k[0].name", "fake_thing.k[0]"]},
			"keyed": {"references": ["fake_thing.a.name", "fake_thing.a", "fake_thing.k[0].name", "fake_thing.k[0]", "fake_thing.k"]},
			"own": {"references": ["fake_thing.k", "count.index"]},
			"var": {"references": ["fake_thing.a.name", "fake_thing.a", "var.more"]},
			"other": {"references": ["other_thing.x.id", "other_thing.x"]},
			"none": {"constant_value": ["x"]}
		}}]}}}`
	m, link := mapLink(t, listPlan)
	for _, tc := range []struct {
		attr string
		want string
		ok   bool
	}{
		{"two", "fake_thing.a,fake_thing.k[0]", true},
		{"keyed", "fake_thing.a,fake_thing.k[0]", true}, // Terraform lists k after k[0]
		{"own", "fake_thing.k[1]", true},                // the link's own count index
		{"var", "", false},                              // a variable may add elements
		{"other", "", false},                            // another type
		{"none", "", false},                             // no references at all
	} {
		got, ok := m.ResolveAll(link, tc.attr, "fake_thing")
		if strings.Join(got, ",") != tc.want || ok != tc.ok {
			t.Errorf("%s: %v %v, want %s %v", tc.attr, got, ok, tc.want, tc.ok)
		}
	}
}

// Resolve answers only when the expression can mean one instance: a
// conditional between two, or a value from elsewhere, leaves it unsure.
func TestResolve(t *testing.T) {
	const plan = `{"format_version": "1.2", "resource_changes": [
		{"address": "fake_link.l[\"b\"]", "mode": "managed", "type": "fake_link", "name": "l", "index": "b", "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.one", "mode": "managed", "type": "fake_thing", "name": "one", "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.two", "mode": "managed", "type": "fake_thing", "name": "two", "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.many[0]", "mode": "managed", "type": "fake_thing", "name": "many", "index": 0, "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.many[1]", "mode": "managed", "type": "fake_thing", "name": "many", "index": 1, "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.t[\"a\"]", "mode": "managed", "type": "fake_thing", "name": "t", "index": "a", "change": {"actions": ["create"], "after": {}}},
		{"address": "fake_thing.t[\"b\"]", "mode": "managed", "type": "fake_thing", "name": "t", "index": "b", "change": {"actions": ["create"], "after": {}}}
	], "configuration": {"root_module": {"resources": [
		{"address": "fake_link.l", "mode": "managed", "type": "fake_link", "name": "l", "expressions": {
			"one": {"references": ["fake_thing.one.id", "fake_thing.one"]},
			"keyed": {"references": ["fake_thing.t[\"a\"].id", "fake_thing.t[\"a\"]", "fake_thing.t"]},
			"own": {"references": ["fake_thing.t", "each.key"]},
			"planning": {"references": ["fake_thing.one.id", "fake_thing.one", "path.module", "terraform.workspace"]},
			"conditional": {"references": ["fake_thing.one.id", "fake_thing.one", "fake_thing.two.id", "fake_thing.two"]},
			"conditional-on-var": {"references": ["var.on", "fake_thing.one.id", "fake_thing.one", "fake_thing.two.id", "fake_thing.two"]},
			"many": {"references": ["fake_thing.many"]},
			"local": {"references": ["fake_thing.one.id", "fake_thing.one", "local.fallback"]},
			"other-type": {"references": ["fake_thing.one.id", "fake_thing.one", "random_pet.p.id", "random_pet.p"]},
			"var": {"references": ["var.name"]}
		}}]}}}`
	m, link := mapLink(t, plan)
	for _, tc := range []struct{ attr, addr, maybe string }{
		{"one", "fake_thing.one", ""},
		{"keyed", `fake_thing.t["a"]`, ""},
		{"own", `fake_thing.t["b"]`, ""}, // the link's own key
		{"planning", "fake_thing.one", ""},
		{"conditional", "", "fake_thing.one,fake_thing.two"},
		{"conditional-on-var", "", ""},
		{"many", "", "fake_thing.many[0],fake_thing.many[1]"},
		{"local", "", ""},
		{"other-type", "", ""},
		{"var", "", ""},
	} {
		addr, maybe := m.Resolve(link, tc.attr, "fake_thing")
		if addr != tc.addr || strings.Join(maybe, ",") != tc.maybe {
			t.Errorf("%s: %q maybe %v, want %q maybe %s", tc.attr, addr, maybe, tc.addr, tc.maybe)
		}
	}
}

// mapLink maps plan (with the fake provider) up to the mapping, and
// returns it with the plan's fake_link instance, whose references the
// resolve tests read.
func mapLink(t *testing.T, plan string) (*Mapping, Instance) {
	t.Helper()
	p, err := Decode("p.json", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMapping(p, []Provider{fake{"fake", "fake", new([]string)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range m.instances {
		if in.Type == "fake_link" {
			return m, in
		}
	}
	t.Fatal("the plan has no fake_link")
	return nil, Instance{}
}

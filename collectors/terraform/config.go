package terraform

import (
	"sort"
	"strings"
)

// configuration is the plan's "configuration" section: the modules'
// resource blocks with their expressions, and the provider blocks. It
// answers what planned values cannot: which resource an unknown
// attribute refers to, the provider's region and allowed accounts.
type configuration struct {
	ProviderConfig map[string]providerConfig `json:"provider_config"`
	RootModule     configModule              `json:"root_module"`

	// index caches resource lookups by module instance and type.name.
	index map[string]*configResource
}

type providerConfig struct {
	Name          string         `json:"name"`
	Alias         string         `json:"alias"`
	ModuleAddress string         `json:"module_address"`
	Expressions   map[string]any `json:"expressions"`
}

type configModule struct {
	Resources   []configResource      `json:"resources"`
	ModuleCalls map[string]moduleCall `json:"module_calls"`
}

type moduleCall struct {
	Source string       `json:"source"`
	Module configModule `json:"module"`
}

type configResource struct {
	Address           string         `json:"address"`
	Mode              string         `json:"mode"`
	Type              string         `json:"type"`
	Name              string         `json:"name"`
	ProviderConfigKey string         `json:"provider_config_key"`
	Expressions       map[string]any `json:"expressions"`
}

// moduleNames turns a module instance address (module.a["x"].module.b[0])
// into the module call names of the configuration (a, b).
func moduleNames(addr string) []string {
	var names []string
	for addr != "" {
		if !strings.HasPrefix(addr, "module.") {
			return names
		}
		addr = addr[len("module."):]
		end := strings.IndexAny(addr, ".[")
		if end < 0 {
			return append(names, addr)
		}
		names = append(names, addr[:end])
		addr = addr[end:]
		if addr[0] == '[' {
			addr = addr[skipIndex(addr):]
		}
		addr = strings.TrimPrefix(addr, ".")
	}
	return names
}

// skipIndex returns the length of a leading instance key ([0], ["a.b"]),
// honouring quotes and escapes inside it.
func skipIndex(s string) int {
	inQuote := false
	for i := 1; i < len(s); i++ {
		switch {
		case inQuote && s[i] == '\\':
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case !inQuote && s[i] == ']':
			return i + 1
		}
	}
	return len(s)
}

// module returns the configuration of a module instance, nil when the
// plan's configuration does not have it.
func (c *configuration) module(addr string) *configModule {
	m := &c.RootModule
	for _, name := range moduleNames(addr) {
		call, ok := m.ModuleCalls[name]
		if !ok {
			return nil
		}
		m = &call.Module
	}
	return m
}

// resource returns the configuration block of an instance.
func (c *configuration) resource(in Instance) *configResource {
	key := in.Module + "|" + in.Type + "." + in.Name
	if r, ok := c.index[key]; ok {
		return r
	}
	if c.index == nil {
		c.index = map[string]*configResource{}
	}
	var found *configResource
	if m := c.module(in.Module); m != nil {
		for i := range m.Resources {
			r := &m.Resources[i]
			if r.Mode == "managed" && r.Type == in.Type && r.Name == in.Name {
				found = r
				break
			}
		}
	}
	c.index[key] = found
	return found
}

// references lists the references of an attribute's expression.
func (c *configuration) references(in Instance, attr string) []string {
	r := c.resource(in)
	if r == nil {
		return nil
	}
	e, _ := r.Expressions[attr].(map[string]any)
	return refList(e)
}

// refList reads the references of one expression.
func refList(e map[string]any) []string {
	l, _ := e["references"].([]any)
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// constant reads a provider argument's constant value.
func (pc providerConfig) constant(key string) any {
	e, _ := pc.Expressions[key].(map[string]any)
	return e["constant_value"]
}

// parseRef splits a reference like aws_iam_policy.p["k"].arn into the
// resource's type, name and instance key ("" when none).
func parseRef(ref string) (typ, name, key string, ok bool) {
	typ, rest, ok := strings.Cut(ref, ".")
	if !ok || typ == "data" || typ == "module" || typ == "var" || typ == "local" || typ == "each" || typ == "count" {
		return "", "", "", false
	}
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		return typ, rest, "", true
	}
	name = rest[:end]
	if rest[end] == '[' {
		key = rest[end : end+skipIndex(rest[end:])]
	}
	return typ, name, key, true
}

// sets reports whether the configuration gives attribute attr of in a
// value. An attribute the configuration leaves out but the plan marks
// unknown is the provider's computed default, not a value the author
// chose. Without a configuration for in, it answers true (the cautious
// reading: the value may have been chosen).
func (c *configuration) sets(in Instance, attr string) bool {
	r := c.resource(in)
	if r == nil {
		return true
	}
	_, ok := r.Expressions[attr]
	return ok
}

// Sets reports whether the configuration gives attribute attr of in a
// value (see configuration.sets): a value unknown in the plan but left out
// of the configuration is the provider's computed default.
func (m *Mapping) Sets(in Instance, attr string) bool {
	return m.plan.Configuration.sets(in, attr)
}

// ProviderKey is the provider configuration key of in's resource block
// ("aws", "aws.eu", "module.m:aws"), "" when the configuration does not
// say: then the provider's default block applies.
func (m *Mapping) ProviderKey(in Instance) string {
	if r := m.plan.Configuration.resource(in); r != nil {
		return r.ProviderConfigKey
	}
	return ""
}

// ProviderKeys lists the configuration keys of the provider blocks of
// provider name: the default block (key = name) first when there is one,
// then the others in key order.
func (m *Mapping) ProviderKeys(name string) []string {
	pcs := m.plan.Configuration.ProviderConfig
	var out []string
	if pc, ok := pcs[name]; ok && pc.Name == name {
		out = append(out, name)
	}
	var others []string
	for k, pc := range pcs {
		if k != name && pc.Name == name {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	return append(out, others...)
}

// ProviderConstant is the constant value of argument arg of the provider
// block with configuration key key; nil when the block or argument is
// absent or not a constant (a variable, a reference).
func (m *Mapping) ProviderConstant(key, arg string) any {
	pc, ok := m.plan.Configuration.ProviderConfig[key]
	if !ok {
		return nil
	}
	return pc.constant(arg)
}

// blockExpressions returns the expressions of the i-th nested block of
// in's configuration (service_account, spec, ...), nil when the
// configuration does not have it (a dynamic block, or no configuration).
func (c *configuration) blockExpressions(in Instance, block string, i int) map[string]any {
	r := c.resource(in)
	if r == nil {
		return nil
	}
	l, _ := r.Expressions[block].([]any)
	if i >= len(l) {
		return nil
	}
	e, _ := l[i].(map[string]any)
	return e
}

// BlockSets is Sets for attribute attr of the i-th nested block of
// in: whether the configuration gives it a value. Without a
// configuration for the block it answers true (the cautious reading).
func (m *Mapping) BlockSets(in Instance, block string, i int, attr string) bool {
	e := m.plan.Configuration.blockExpressions(in, block, i)
	if e == nil {
		return true
	}
	_, ok := e[attr]
	return ok
}

// ResolveBlock is Resolve for attribute attr of the i-th nested block of
// in.
func (m *Mapping) ResolveBlock(in Instance, block string, i int, attr, typ string) (string, []string) {
	e, _ := m.plan.Configuration.blockExpressions(in, block, i)[attr].(map[string]any)
	return m.resolveRefs(in, refList(e), typ)
}

// ProviderBlockConstants lists the constant values of argument arg in
// each nested block named block of the provider block with configuration
// key key (assume_role of the AWS provider, in order: chained roles come
// last). A block whose argument is not a constant gives nil in its place.
func (m *Mapping) ProviderBlockConstants(key, block, arg string) []any {
	pc, ok := m.plan.Configuration.ProviderConfig[key]
	if !ok {
		return nil
	}
	l, _ := pc.Expressions[block].([]any)
	var out []any
	for _, x := range l {
		e, _ := x.(map[string]any)
		c, _ := e[arg].(map[string]any)
		out = append(out, c["constant_value"])
	}
	return out
}

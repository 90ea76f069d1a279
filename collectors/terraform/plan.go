package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// Plan is the part of `terraform show -json` output the mapping reads.
type Plan struct {
	FormatVersion    string           `json:"format_version"`
	TerraformVersion string           `json:"terraform_version"`
	Timestamp        string           `json:"timestamp"`
	PlannedValues    *plannedValues   `json:"planned_values"`
	ResourceChanges  []resourceChange `json:"resource_changes"`
	Configuration    configuration    `json:"configuration"`
}

type plannedValues struct {
	RootModule plannedModule `json:"root_module"`
}

type plannedModule struct {
	Address      string            `json:"address"`
	Resources    []plannedResource `json:"resources"`
	ChildModules []plannedModule   `json:"child_modules"`
}

type plannedResource struct {
	Address      string         `json:"address"`
	Mode         string         `json:"mode"`
	Type         string         `json:"type"`
	Name         string         `json:"name"`
	Index        any            `json:"index"`
	ProviderName string         `json:"provider_name"`
	Values       map[string]any `json:"values"`
}

type resourceChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	Name          string `json:"name"`
	Index         any    `json:"index"`
	ProviderName  string `json:"provider_name"`
	Change        struct {
		Actions      []string       `json:"actions"`
		After        map[string]any `json:"after"`
		AfterUnknown any            `json:"after_unknown"`
	} `json:"change"`
}

// IsPlan reports whether a JSON object's top-level keys are those of
// `terraform show -json PLANFILE` output. It is deliberately loose: a
// plan of an unsupported format version must be recognised as a plan so
// that it is refused with the right message.
func IsPlan(head map[string]json.RawMessage) bool {
	_, fv := head["format_version"]
	_, pv := head["planned_values"]
	_, rc := head["resource_changes"]
	return fv && (pv || rc)
}

// NotPlanHint explains a JSON object that looks like Terraform output but
// is not a plan (a state file, or `terraform show -json` of a state). It
// returns "" when the object does not look like Terraform output at all.
func NotPlanHint(head map[string]json.RawMessage) string {
	_, fv := head["format_version"]
	_, values := head["values"]
	_, resources := head["resources"]
	_, lineage := head["lineage"]
	switch {
	case fv && values:
		return "this is `terraform show -json` of a state, not of a plan: run `terraform plan -out=tfplan && terraform show -json tfplan`"
	case lineage && resources:
		return "this is a Terraform state file, not a plan: run `terraform plan -out=tfplan && terraform show -json tfplan`"
	}
	return ""
}

// supportedFormat accepts the plan format versions rampart understands:
// 0.1 and 0.2 (Terraform 0.12 to 1.0) and every 1.x (Terraform 1.x keeps
// 1.x backward compatible; a new major version may not be).
func supportedFormat(v string) bool {
	major, minor, ok := strings.Cut(v, ".")
	if !ok {
		return false
	}
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil {
		return false
	}
	return (ma == 0 && mi >= 1) || ma == 1
}

// Decode reads a plan from data, the content of file, and checks its
// format version before anything else.
func Decode(file string, data []byte) (*Plan, error) {
	var head struct {
		FormatVersion *string `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, snapshot.JSONError(file, data, err)
	}
	if head.FormatVersion == nil {
		return nil, &snapshot.InputError{File: file, Msg: `not a Terraform plan: no "format_version" key (expected the output of terraform show -json PLANFILE)`}
	}
	if !supportedFormat(*head.FormatVersion) {
		return nil, &snapshot.InputError{File: file, Msg: fmt.Sprintf("unsupported Terraform plan format_version %q: rampart reads 0.1 to 1.x", *head.FormatVersion)}
	}
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, snapshot.JSONError(file, data, err)
	}
	if p.PlannedValues == nil && p.ResourceChanges == nil {
		return nil, &snapshot.InputError{File: file, Msg: `not a Terraform plan: neither "planned_values" nor "resource_changes" is present`}
	}
	if addr, ok := p.unlisted(); ok {
		return nil, &snapshot.InputError{File: file, Msg: fmt.Sprintf(`planned_values has %s, which resource_changes does not list: the plan was edited or truncated (expected the output of terraform show -json PLANFILE)`, addr)}
	}
	return &p, nil
}

// unlisted returns a managed resource of planned_values that
// resource_changes does not list. The mapping reads resource_changes (it
// alone marks unknown values), so a resource missing there would be
// silently left out: `"resource_changes": []` beside planned resources
// gave no result at all. Terraform lists every resource in
// resource_changes, unchanged ones as "no-op"; only a plan without
// resource_changes is read from planned_values.
func (p *Plan) unlisted() (string, bool) {
	if p.ResourceChanges == nil || p.PlannedValues == nil {
		return "", false
	}
	listed := make(map[string]bool, len(p.ResourceChanges))
	for _, rc := range p.ResourceChanges {
		listed[rc.Address] = true
	}
	var missing string
	var walk func(m plannedModule)
	walk = func(m plannedModule) {
		for _, r := range m.Resources {
			if missing == "" && r.Mode == "managed" && !listed[r.Address] {
				missing = r.Address
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(p.PlannedValues.RootModule)
	return missing, missing != ""
}

// Options tune the mapping.
type Options struct {
	// Providers map the resource types of the plan, each into its own
	// snapshot section; resources of other providers are ignored.
	Providers []Provider
	// Now is the collection time used when the plan has no timestamp
	// (plans before Terraform 1.5); nil means time.Now.
	Now func() time.Time
	// Version is rampart's version, recorded as the collector's.
	Version string
}

// Map reads a plan from data (the content of file) and maps it into a
// snapshot. Only an unusable plan as a whole is an error; what cannot be
// known about one resource is a collection error in the snapshot.
func Map(file string, data []byte, opts Options) (*snapshot.Snapshot, error) {
	p, err := Decode(file, data)
	if err != nil {
		return nil, err
	}
	return p.Snapshot(opts)
}

// Snapshot maps a decoded plan.
func (p *Plan) Snapshot(opts Options) (*snapshot.Snapshot, error) {
	at, err := p.collectedAt(opts)
	if err != nil {
		return nil, err
	}
	m, err := newMapping(p, opts.Providers)
	if err != nil {
		return nil, err
	}
	m.at = at
	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: at,
		Collector:   snapshot.Collector{Name: "rampart terraform", Version: opts.Version},
		Source:      snapshot.SourceTerraformPlan,
		Scopes:      []snapshot.Scope{},
		Errors:      []snapshot.CollectionError{},
	}
	m.run(s)
	snapshot.Canonicalize(s)
	return s, nil
}

// collectedAt is when the plan was made (its "timestamp", Terraform 1.5
// and later), else the mapping's clock. A timestamp that is not RFC 3339
// (hand-edited test plans have "123") is treated as absent.
func (p *Plan) collectedAt(opts Options) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, p.Timestamp); err == nil {
		return t.UTC(), nil
	}
	if opts.Now != nil {
		return opts.Now().UTC().Truncate(time.Second), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

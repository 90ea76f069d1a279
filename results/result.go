package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Status is the outcome of one control on one resource.
type Status string

// The statuses a result can have.
const (
	// Fail: the resource does not meet the control.
	Fail Status = "FAIL"
	// Pass: the resource meets the control, judged on collected data.
	Pass Status = "PASS"
	// Error: the control could not be decided, because the data it needs
	// was not collected or is unknown (e.g. until a plan is applied).
	Error Status = "ERROR"
	// Waived: the result matched an approved, unexpired waiver.
	Waived Status = "WAIVED"
)

// Statuses lists every status in the order reports show them.
var Statuses = []Status{Fail, Error, Waived, Pass}

// Result is one control evaluated on one resource. The JSON key names are
// part of rampart's public output: scripts and later tools rely on them.
type Result struct {
	ID           string              `json:"id"`
	Control      string              `json:"control"`
	Title        string              `json:"title"`
	Severity     Severity            `json:"severity"`
	Status       Status              `json:"status"`
	Provider     string              `json:"provider"`
	Account      string              `json:"account"`
	Region       string              `json:"region"`
	Resource     string              `json:"resource"`
	ResourceType string              `json:"resource_type"`
	Message      string              `json:"message"`
	Evidence     map[string]any      `json:"evidence"`
	Remediation  string              `json:"remediation"`
	Frameworks   map[string][]string `json:"frameworks"`
	MITRE        []string            `json:"mitre"`
	Escalation   string              `json:"escalation"`
	// Baseline marks the result against a baseline (--baseline): new,
	// unchanged, or absent; empty without a baseline and on PASS.
	Baseline BaselineState `json:"baseline,omitempty"`
}

// ResultID is the stable identity of a result: the same control on the same
// resource has the same ID in every scan, which is what baselines and diffs
// key on. Account and region are part of it because scope-level resources
// (an account, a region of an account) are only unique with them.
func ResultID(control, account, region, resource string) string {
	h := sha256.New()
	for _, part := range []string{control, account, region, resource} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// Sort orders results stably: most severe first, then by control, account,
// region and resource, so two runs on the same snapshot print the same lines.
func Sort(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := &rs[i], &rs[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.Resource < b.Resource
	})
}

// MarshalJSON keeps nil collections out of the output as [] and {} so that
// consumers never need to handle null for them.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(r)
	if p.Evidence == nil {
		p.Evidence = map[string]any{}
	}
	if p.Frameworks == nil {
		p.Frameworks = map[string][]string{}
	}
	if p.MITRE == nil {
		p.MITRE = []string{}
	}
	return json.Marshal(p)
}

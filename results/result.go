package results

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
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
	// One buffer and one sum: a run computes one ID per result, 112,000 on
	// the 10k benchmark, and a hash.Hash and a []byte per part added up.
	var stack [256]byte
	b := stack[:0]
	for _, part := range []string{control, account, region, resource} {
		b = append(append(b, part...), 0)
	}
	sum := sha256.Sum256(b)
	var out [20]byte
	hex.Encode(out[:], sum[:10])
	return string(out[:])
}

// Sort orders results stably: most severe first, then by control, account,
// region and resource, then status and message (a control may judge one
// resource more than once), so two runs on the same snapshot print the
// same lines whatever order the policies produced them in.
// It sorts positions and then moves each result once: a Result is a few
// hundred bytes, and a stable sort that swaps them directly spends most of
// its time copying.
func Sort(rs []Result) {
	order := make([]int32, len(rs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int { return compare(&rs[i], &rs[j]) })
	// order[k] is the index of the result that belongs at k: follow each
	// cycle of the permutation, marking done positions with -1.
	for start := range order {
		if order[start] < 0 || int(order[start]) == start {
			order[start] = -1
			continue
		}
		held := rs[start]
		k := start
		for {
			next := int(order[k])
			order[k] = -1
			if next == start {
				rs[k] = held
				break
			}
			rs[k] = rs[next]
			k = next
		}
	}
}

func compare(a, b *Result) int {
	if a.Severity != b.Severity {
		return cmp.Compare(b.Severity, a.Severity)
	}
	return cmp.Or(
		strings.Compare(a.Control, b.Control),
		strings.Compare(a.Account, b.Account),
		strings.Compare(a.Region, b.Region),
		strings.Compare(a.Resource, b.Resource),
		strings.Compare(string(a.Status), string(b.Status)),
		strings.Compare(a.Message, b.Message),
	)
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

package awsiam

import (
	"fmt"
	"sort"

	"github.com/rampart-sec/rampart/snapshot"
)

// Graph is the escalation graph of a snapshot: every principal of every
// account as a node, with the techniques that let one act as or empower
// another.
type Graph struct {
	Accounts []*Account
	nodes    []*Principal
	index    map[*Principal]int
	byARN    map[string]*Principal
	trusts   map[*Principal]*trust
	// trustDocs are the parsed trust policies by document text.
	trustDocs map[string]*trust

	// Node IDs 0..len(nodes)-1 are principals; the rest are classes: a
	// set of principals an actor reaches all at once (every role passed
	// to Lambda, every user), so that 10,000 actors with iam:PassRole on
	// "*" do not make 10,000 × N edges.
	classes  [][]int
	classKey map[string]int
	// memberWhy holds, for a class whose members each rest on their own
	// assumptions (roles trusting anyone under an undecided condition),
	// those assumptions by member.
	memberWhy map[int]map[int][]string
	out       [][]edge // become edges, by node
	emp       [][]edge // empower edges, by node (targets are principals or classes)
	// classPos, next and touched are directWin's indexes and scratch
	// space, kept between calls.
	classPos []map[int]int
	next     []*edge
	touched  []int

	// plan is true for a Terraform plan: it shows what it declares, not
	// the account, so compute it does not declare is not a gap.
	plan bool
	// computeUnknown names, by node, the techniques it holds on compute
	// the snapshot does not show: without a chain, it is undecided.
	computeUnknown map[int][]string

	findings []*Finding
	// notes about the snapshot as a whole (compute whose role is unknown).
	notes []string
}

// NewGraph prepares every account of the snapshot and builds the graph.
func NewGraph(s *snapshot.Snapshot) *Graph {
	g := &Graph{plan: s.Source == snapshot.SourceTerraformPlan, index: map[*Principal]int{}, byARN: map[string]*Principal{}, trusts: map[*Principal]*trust{}, trustDocs: map[string]*trust{}, classKey: map[string]int{}, memberWhy: map[int]map[int][]string{}, computeUnknown: map[int][]string{}}
	if s.AWS == nil {
		return g
	}
	for i := range s.AWS.Accounts {
		a := NewAccount(&s.AWS.Accounts[i], s.AWS.Organization)
		g.Accounts = append(g.Accounts, a)
		for _, p := range a.Principals() {
			g.index[p] = len(g.nodes)
			g.nodes = append(g.nodes, p)
			g.byARN[p.ARN] = p
		}
	}
	g.build()
	g.solve()
	return g
}

func (g *Graph) nodeCount() int { return len(g.nodes) + len(g.classes) }

// class returns the node ID of the class of targets named key, creating
// it with the members listed (only on first use).
func (g *Graph) class(key string, members func() []*Principal) int {
	if id, ok := g.classKey[key]; ok {
		return id
	}
	ms := members()
	ids := make([]int, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, g.index[m])
	}
	id := len(g.nodes) + len(g.classes)
	g.classes = append(g.classes, ids)
	g.classKey[key] = id
	return id
}

// members of a node: itself for a principal, its members for a class.
func (g *Graph) members(id int) []int {
	if id < len(g.nodes) {
		return []int{id}
	}
	return g.classes[id-len(g.nodes)]
}

func (g *Graph) build() {
	g.out = make([][]edge, len(g.nodes))
	g.emp = make([][]edge, len(g.nodes))
	assume := g.assumeIndex()
	for _, a := range g.Accounts {
		ts := g.gather(a)
		g.notes = append(g.notes, ts.notes...)
		for _, p := range a.Principals() {
			if p.ServiceLinked || p.admin {
				continue // AWS's own, or already at the top
			}
			i := g.index[p]
			for _, t := range catalogue {
				if t.On != tAssume && !hasAny(p, t) {
					continue
				}
				if why, ok := ts.unknown[t.On]; ok && mayHold(p, t) {
					// p could use t on targets the snapshot does not show.
					g.computeUnknown[i] = append(g.computeUnknown[i], fmt.Sprintf("%s may reach targets the snapshot does not show: %s", t.label, why))
				}
				if t.On == tAssume {
					g.out[i] = append(g.out[i], g.assumeEdges(p, assume)...)
					continue
				}
				es := g.edges(p, t, ts)
				if t.Kind == empower {
					g.emp[i] = append(g.emp[i], es...)
				} else {
					g.out[i] = append(g.out[i], es...)
				}
			}
		}
	}
}

// Finding is what the graph says of one principal.
type Finding struct {
	Principal *Principal
	// Chain is the shortest way to full admin, nil when none is known.
	Chain []Step
	// Unknown names what keeps the graph from deciding: the principal's
	// own unreadable policies, or principals it can become whose
	// policies are unreadable.
	Unknown []string
}

// Step is one hop of a chain.
type Step struct {
	From      string   `json:"from"`
	To        string   `json:"to"`
	Technique string   `json:"technique"`
	Actions   string   `json:"actions"`
	Resource  string   `json:"resource,omitempty"`
	Assumed   []string `json:"assumed,omitempty"`
	// Empowers is true for a step that gives To any permission (To is
	// then admin), false for one by which From acts as To.
	Empowers bool `json:"empowers"`
}

// Findings lists one finding per principal, in snapshot order.
func (g *Graph) Findings() []*Finding { return g.findings }

// Notes are the graph's caveats about the snapshot as a whole.
func (g *Graph) Notes() []string { return uniqueSorted(append([]string(nil), g.notes...)) }

func sortManaged(ms []*Managed) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].ARN < ms[j].ARN })
}

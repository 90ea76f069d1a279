package awsiam

import (
	"fmt"
	"strings"
)

// win is why a node reaches admin without moving further: it is admin,
// it can empower itself (or a group it is in), or it can empower a node
// it can then become.
type win struct {
	empower *edge // nil when the node is admin
	target  int   // the principal empowered
	then    *edge // the become edge onto target, when target is not the node itself
}

// solve finds, for every principal, whether it reaches admin and by the
// shortest chain.
func (g *Graph) solve() {
	n := g.nodeCount()
	wins := make([]*win, len(g.nodes))
	for i, p := range g.nodes {
		if p.admin {
			wins[i] = &win{}
			continue
		}
		wins[i] = g.directWin(i)
	}
	rev := g.reverse()
	inW := g.closure(rev, func(i int) bool { return i < len(g.nodes) && wins[i] != nil })
	// Actors that reach an empowerer and, separately, the principal it
	// empowers: the only wins closure misses.
	via := map[int][2][]int{}
	var empowerers []int
	for i := range g.nodes {
		if !inW[i] && len(g.emp[i]) > 0 {
			empowerers = append(empowerers, i)
		}
	}
	if len(empowerers) > 0 {
		isE := map[int]bool{}
		for _, e := range empowerers {
			isE[e] = true
		}
		reachE := g.closure(rev, func(i int) bool { return isE[i] })
		for i := range g.nodes {
			if reachE[i] && !inW[i] {
				if paths, ok := g.branchWin(i, isE); ok {
					via[i] = paths
				}
			}
		}
		for i := range via {
			inW[i] = true
		}
	}
	var unknown []int
	for i, p := range g.nodes {
		if len(p.Unknown) > 0 && !p.admin {
			unknown = append(unknown, i)
		}
	}
	isU := map[int]bool{}
	for _, u := range unknown {
		isU[u] = true
	}
	reachU := g.closure(rev, func(i int) bool { return isU[i] })
	_ = n

	g.findings = make([]*Finding, len(g.nodes))
	for i, p := range g.nodes {
		f := &Finding{Principal: p}
		g.findings[i] = f
		switch {
		case p.admin:
		case inW[i]:
			if paths, ok := via[i]; ok {
				f.Chain = g.branchChain(i, paths)
			} else {
				f.Chain = g.chain(i, inW, wins)
			}
		case reachU[i]:
			f.Unknown = append(f.Unknown, p.Unknown...)
			if !isU[i] {
				if u := g.firstReached(i, isU); u >= 0 {
					f.Unknown = append(f.Unknown, fmt.Sprintf("it can act as %s, whose policies are not all known: %s", g.nodes[u].Label(), strings.Join(g.nodes[u].Unknown, "; ")))
				}
			}
		}
	}
}

// directWin: node i empowers itself, a group it belongs to, or a
// principal it can become in one step.
func (g *Graph) directWin(i int) *win {
	if len(g.emp[i]) == 0 {
		return nil
	}
	p := g.nodes[i]
	mine := map[int]bool{}
	for k := range g.emp[i] {
		e := &g.emp[i][k]
		if !empowers(e.tech, p) {
			continue
		}
		if len(mine) == 0 {
			mine[i] = true
			for _, gr := range p.Groups {
				mine[g.index[gr]] = true
			}
		}
		for _, m := range g.members(e.to) {
			if mine[m] {
				return &win{empower: e, target: m}
			}
		}
	}
	// Empower a principal, then become it.
	next := map[int]*edge{}
	for k := range g.out[i] {
		e := &g.out[i][k]
		for _, m := range g.members(e.to) {
			if next[m] == nil {
				next[m] = e
			}
		}
	}
	for k := range g.emp[i] {
		e := &g.emp[i][k]
		for _, m := range g.members(e.to) {
			if b := next[m]; b != nil && empowers(e.tech, g.nodes[m]) {
				return &win{empower: e, target: m, then: b}
			}
		}
	}
	return nil
}

// reverse returns, for every node, the nodes with a become edge to it
// (a class's members point back to the class).
func (g *Graph) reverse() [][]int {
	rev := make([][]int, g.nodeCount())
	for u, es := range g.out {
		for _, e := range es {
			rev[e.to] = append(rev[e.to], u)
		}
	}
	for c, ms := range g.classes {
		id := len(g.nodes) + c
		for _, m := range ms {
			rev[m] = append(rev[m], id)
		}
	}
	return rev
}

// closure marks every node that can reach a seed along become edges.
func (g *Graph) closure(rev [][]int, seed func(int) bool) []bool {
	in := make([]bool, g.nodeCount())
	var queue []int
	for i := range in {
		if seed(i) {
			in[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, u := range rev[v] {
			if !in[u] {
				in[u] = true
				queue = append(queue, u)
			}
		}
	}
	return in
}

// bfs walks become edges from start, calling stop for each principal
// reached (start included); it returns the parent edges for paths.
type hop struct {
	from int
	e    *edge
}

func (g *Graph) bfs(start int, allowed func(int) bool, stop func(int) bool) (int, map[int]hop) {
	parent := map[int]hop{start: {from: -1}}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v < len(g.nodes) && stop(v) {
			return v, parent
		}
		var next []int
		if v < len(g.nodes) {
			for k := range g.out[v] {
				e := &g.out[v][k]
				for _, m := range g.members(e.to) {
					if _, seen := parent[m]; !seen && (allowed == nil || allowed(m)) {
						parent[m] = hop{from: v, e: e}
						next = append(next, m)
					}
				}
			}
		}
		queue = append(queue, next...)
	}
	return -1, parent
}

// path rebuilds the become steps from start to end.
func (g *Graph) path(end int, parent map[int]hop) []Step {
	var steps []Step
	for v := end; parent[v].from >= 0; v = parent[v].from {
		h := parent[v]
		steps = append(steps, g.step(h.from, v, h.e, false))
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return steps
}

func (g *Graph) step(from, to int, e *edge, empowers bool) Step {
	return Step{
		From: g.nodes[from].ARN, To: g.nodes[to].ARN, Technique: e.tech.ID, Actions: e.tech.Label(),
		Resource: e.resource, Assumed: e.assumed, Empowers: empowers,
	}
}

// chain is the shortest chain from i to a node that wins on its own.
func (g *Graph) chain(i int, inW []bool, wins []*win) []Step {
	end, parent := g.bfs(i, func(m int) bool { return inW[m] }, func(v int) bool { return wins[v] != nil })
	if end < 0 {
		return nil
	}
	steps := g.path(end, parent)
	w := wins[end]
	if w.empower != nil {
		steps = append(steps, g.step(end, w.target, w.empower, true))
		if w.then != nil {
			steps = append(steps, g.step(end, w.target, w.then, false))
		}
	}
	return steps
}

// branchWin: from i, some reachable X empowers some reachable Y.
func (g *Graph) branchWin(i int, isE map[int]bool) ([2][]int, bool) {
	_, parent := g.bfs(i, nil, func(int) bool { return false })
	// reached[y] is the principal acting when y is empowered: y itself,
	// or, for a group, a reached member.
	reached := map[int]int{}
	for v := range parent {
		if v < len(g.nodes) {
			reached[v] = v
			for _, gr := range g.nodes[v].Groups {
				reached[g.index[gr]] = v
			}
		}
	}
	for x := range parent {
		if x >= len(g.nodes) || !isE[x] {
			continue
		}
		for k := range g.emp[x] {
			for _, y := range g.members(g.emp[x][k].to) {
				if who, ok := reached[y]; ok && empowers(g.emp[x][k].tech, g.nodes[who]) {
					return [2][]int{{x, k}, {y}}, true
				}
			}
		}
	}
	return [2][]int{}, false
}

func (g *Graph) branchChain(i int, w [2][]int) []Step {
	x, k, y := w[0][0], w[0][1], w[1][0]
	_, parent := g.bfs(i, nil, func(int) bool { return false })
	steps := g.path(x, parent)
	steps = append(steps, g.step(x, y, &g.emp[x][k], true))
	target := y
	if !parentHas(parent, y) {
		// y is a group of a reached user: become that user.
		for v := range parent {
			if v < len(g.nodes) {
				for _, gr := range g.nodes[v].Groups {
					if g.index[gr] == y {
						target = v
					}
				}
			}
		}
	}
	return append(steps, g.path(target, parent)...)
}

func parentHas(parent map[int]hop, v int) bool {
	_, ok := parent[v]
	return ok
}

// firstReached is the nearest principal in set that i can become.
func (g *Graph) firstReached(i int, set map[int]bool) int {
	end, _ := g.bfs(i, nil, func(v int) bool { return v != i && set[v] })
	return end
}

// empowers: writing onto p (or a group p is in) with t makes p admin.
// A policy write cannot lift a permissions boundary or an SCP that holds
// p back; removing or replacing the boundary lifts only the boundary.
func empowers(t *technique, p *Principal) bool {
	for _, l := range p.scps {
		if !layerAdmin(l) {
			return false
		}
	}
	if t.Filter == "bounded" {
		return true // the target was chosen for an admin identity held back by its boundary
	}
	return p.boundary == nil || layerAdmin(p.boundary)
}

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
	toW := g.toward(rev, func(i int) bool { return i < len(g.nodes) && wins[i] != nil })
	inW := make([]bool, n)
	for i := range inW {
		inW[i] = toW[i] != unreached
	}
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
		if (len(p.Unknown) > 0 || len(g.computeUnknown[i]) > 0) && !p.admin {
			unknown = append(unknown, i)
		}
	}
	isU := map[int]bool{}
	for _, u := range unknown {
		isU[u] = true
	}
	toU := g.toward(rev, func(i int) bool { return isU[i] })

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
				f.Chain = g.chain(i, toW, wins)
			}
		case toU[i] != unreached:
			f.Unknown = append(append(f.Unknown, p.Unknown...), g.computeUnknown[i]...)
			if !isU[i] {
				steps := g.follow(i, toU)
				u := g.index[g.byARN[steps[len(steps)-1].To]]
				f.Unknown = append(f.Unknown, fmt.Sprintf("it can act as %s, which is not decided: %s", g.nodes[u].Label(),
					strings.Join(append(append([]string(nil), g.nodes[u].Unknown...), g.computeUnknown[u]...), "; ")))
			}
		}
	}
}

// directWin: node i empowers itself, a group it belongs to, or a
// principal it can become in one step. Of several, it picks the first
// empower edge and, within it, the first member (in class order) that
// wins, so the chain reported does not depend on how the search runs.
func (g *Graph) directWin(i int) *win {
	if len(g.emp[i]) == 0 {
		return nil
	}
	p := g.nodes[i]
	// mine: i and its groups, few, looked up by position in each class
	// rather than by walking classes that may hold thousands.
	mine := append(make([]int, 0, 1+len(p.Groups)), i)
	for _, gr := range p.Groups {
		mine = append(mine, g.index[gr])
	}
	for k := range g.emp[i] {
		e := &g.emp[i][k]
		if !empowers(e.tech, p) {
			continue
		}
		best, at := -1, -1
		for _, m := range mine {
			if pos, ok := g.position(e.to, m); ok && (at < 0 || pos < at) {
				best, at = m, pos
			}
		}
		if best >= 0 {
			return &win{empower: e, target: best}
		}
	}
	// Empower a principal, then become it: next holds, by node, the
	// first become edge reaching it. It is scratch space kept between
	// calls (a map per actor cost more than the rest of the search);
	// touched lists the entries to clear.
	if g.next == nil {
		g.next = make([]*edge, len(g.nodes))
	}
	touched := g.touched[:0]
	defer func() {
		for _, m := range touched {
			g.next[m] = nil
		}
		g.touched = touched[:0]
	}()
	for k := range g.out[i] {
		e := &g.out[i][k]
		for _, m := range g.members(e.to) {
			if g.next[m] == nil {
				g.next[m] = e
				touched = append(touched, m)
			}
		}
	}
	for k := range g.emp[i] {
		e := &g.emp[i][k]
		for _, m := range g.members(e.to) {
			if b := g.next[m]; b != nil && empowers(e.tech, g.nodes[m]) {
				return &win{empower: e, target: m, then: b}
			}
		}
	}
	return nil
}

// position is where principal m stands among the members of node id (0
// for the principal itself), and whether it is one. Each class's
// positions are indexed on first use.
func (g *Graph) position(id, m int) (int, bool) {
	if id < len(g.nodes) {
		return 0, id == m
	}
	c := id - len(g.nodes)
	if len(g.classPos) < len(g.classes) {
		g.classPos = append(g.classPos, make([]map[int]int, len(g.classes)-len(g.classPos))...)
	}
	if g.classPos[c] == nil {
		pos := make(map[int]int, len(g.classes[c]))
		for k, x := range g.classes[c] {
			if _, dup := pos[x]; !dup {
				pos[x] = k
			}
		}
		g.classPos[c] = pos
	}
	k, ok := g.classPos[c][m]
	return k, ok
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
	// class is the class node the edge led to (-1 for a principal).
	class int
}

func (g *Graph) bfs(start int, allowed func(int) bool, stop func(int) bool) (int, map[int]hop) {
	parent := map[int]hop{start: {from: -1, class: -1}}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if stop(v) {
			return v, parent
		}
		for k := range g.out[v] {
			e := &g.out[v][k]
			class := -1
			if e.to >= len(g.nodes) {
				class = e.to
				// A class is expanded once per walk: its members are all
				// reached by the first edge into it.
				if _, seen := parent[e.to]; seen {
					continue
				}
				parent[e.to] = hop{from: -2}
			}
			for _, m := range g.members(e.to) {
				if _, seen := parent[m]; !seen && (allowed == nil || allowed(m)) {
					parent[m] = hop{from: v, e: e, class: class}
					queue = append(queue, m)
				}
			}
		}
	}
	return -1, parent
}

// path rebuilds the become steps from start to end.
func (g *Graph) path(end int, parent map[int]hop) []Step {
	var steps []Step
	for v := end; parent[v].from >= 0; v = parent[v].from {
		h := parent[v]
		st := g.step(h.from, v, h.e, false)
		if h.class >= 0 {
			if why := g.memberWhy[h.class][v]; len(why) > 0 {
				st.Assumed = uniqueSorted(append(append([]string(nil), st.Assumed...), why...))
			}
		}
		steps = append(steps, st)
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return steps
}

func (g *Graph) step(from, to int, e *edge, empowers bool) Step {
	return Step{
		From: g.nodes[from].ARN, To: g.nodes[to].ARN, Technique: e.tech.ID, Actions: e.tech.label,
		Resource: e.resource, Assumed: e.assumed, Empowers: empowers,
	}
}

// unreached marks a node with no way to the target set.
const unreached = -1

// toward runs one breadth-first search backwards from every seed at once
// and returns, for each node, the next node on a shortest way to a seed
// (itself for a seed, unreached when none). Entering a class costs a
// step; leaving it for a member does not (0-1 BFS), so lengths count
// techniques. One pass serves every principal's chain.
func (g *Graph) toward(rev [][]int, seed func(int) bool) []int {
	n := g.nodeCount()
	next := make([]int, n)
	dist := make([]int, n)
	for i := range next {
		next[i], dist[i] = unreached, -1
	}
	var deque []int
	for i := 0; i < n; i++ {
		if seed(i) {
			next[i], dist[i] = i, 0
			deque = append(deque, i)
		}
	}
	for len(deque) > 0 {
		v := deque[0]
		deque = deque[1:]
		for _, u := range rev[v] {
			// u → v: a class (u) reaching its member (v) is free; any
			// other edge is one technique.
			w := 1
			if u >= len(g.nodes) {
				w = 0
			}
			if d := dist[v] + w; dist[u] < 0 || d < dist[u] {
				dist[u], next[u] = d, v
				if w == 0 {
					deque = append([]int{u}, deque...)
				} else {
					deque = append(deque, u)
				}
			}
		}
	}
	return next
}

// follow walks the next pointers from i to a seed and returns the become
// steps taken.
func (g *Graph) follow(i int, next []int) []Step {
	var steps []Step
	for v := i; next[v] != v; {
		to := next[v]
		var e *edge
		for k := range g.out[v] {
			if g.out[v][k].to == to {
				e = &g.out[v][k]
				break
			}
		}
		if to >= len(g.nodes) { // through a class to its member
			m := next[to]
			st := g.step(v, m, e, false)
			if why := g.memberWhy[to][m]; len(why) > 0 {
				st.Assumed = uniqueSorted(append(append([]string(nil), st.Assumed...), why...))
			}
			steps = append(steps, st)
			v = m
			continue
		}
		steps = append(steps, g.step(v, to, e, false))
		v = to
	}
	return steps
}

// chain is the shortest chain from i to admin: the become steps to a node
// that wins on its own, then how it wins.
func (g *Graph) chain(i int, toW []int, wins []*win) []Step {
	steps := g.follow(i, toW)
	end := i
	if len(steps) > 0 {
		end = g.index[g.byARN[steps[len(steps)-1].To]]
	}
	w := wins[end]
	if w != nil && w.empower != nil {
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

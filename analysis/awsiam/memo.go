package awsiam

import "strconv"

// layerMemo holds the answers the graph asks of a layer again and again:
// which statements match an action, whether the layer treats every ARN
// under a prefix alike, whether it may allow each action of a technique.
// They depend only on the layer's statements, so the layers of principals
// with the same statements (the members of the same groups, the roles
// with the same managed policies) share one memo: a large account then
// fills a few hundred memos instead of one per principal.
type layerMemo struct {
	byAction map[string][]*stmt
	uniform  map[uniformKey]bool
	mayAllow map[*technique]bool
	// actorFree: 0 unknown yet, 1 no statement reads who the actor is,
	// 2 some does (see layer.actorFree).
	actorFree int8
}

type uniformKey struct{ action, prefix string }

// memo returns the layer's memo, creating an unshared one for a layer
// built outside an account (SCP levels are already shared as layers).
func (l *layer) memo() *layerMemo {
	if l.shared == nil {
		l.shared = &layerMemo{}
	}
	return l.shared
}

// share points l at the memo of the account's layers with the same
// statements. Statements are compared by identity (the ids render
// gives them), which is what the memoised answers depend on.
func (a *Account) share(l *layer) {
	if l == nil {
		return
	}
	key := make([]byte, 0, 4*len(l.stmts))
	for _, s := range l.stmts {
		key = strconv.AppendUint(key, uint64(s.id), 36)
		key = append(key, ',')
	}
	if m, ok := a.memos[string(key)]; ok {
		l.shared = m
		return
	}
	l.shared = &layerMemo{}
	a.memos[string(key)] = l.shared
}

// uniformFor: every statement of l matching action treats all ARNs under
// prefix alike (see Principal.Uniform); action is lower-case.
func (l *layer) uniformFor(action, prefix string) bool {
	m := l.memo()
	k := uniformKey{action, prefix}
	if u, ok := m.uniform[k]; ok {
		return u
	}
	u := true
	for _, s := range l.matching(action) {
		if s.resourceClass(prefix) == Unknown || s.resourceKeyed() {
			u = false
			break
		}
	}
	if m.uniform == nil {
		m.uniform = map[uniformKey]bool{}
	}
	m.uniform[k] = u
	return u
}

// mayAllowAll: for every action of t, some statement of l allows it on
// some resource under some condition.
func (l *layer) mayAllowAll(t *technique) bool {
	m := l.memo()
	if ok, seen := m.mayAllow[t]; seen {
		return ok
	}
	ok := true
	for _, a := range t.actions {
		if !l.mayAllowAction(a) {
			ok = false
			break
		}
	}
	if m.mayAllow == nil {
		m.mayAllow = map[*technique]bool{}
	}
	m.mayAllow[t] = ok
	return ok
}

func (l *layer) mayAllowAction(action string) bool {
	for _, s := range l.matching(action) {
		if s.Allow {
			return true
		}
	}
	return false
}

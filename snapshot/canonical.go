package snapshot

import (
	"cmp"
	"slices"
	"strings"
)

// Canonicalize puts every list of a snapshot in one order, so that two
// collections of the same world are byte-identical whatever order the
// API pages, the goroutines or a plan delivered them in, and a stored
// snapshot diffs cleanly against the next. Every collector calls it last.
// Sorts are stable: entries with equal keys keep the collector's order.
//
// Errors are sorted too (see SortErrors) unless the collector has already
// put them in an order of its own that it documents; Canonicalize leaves
// s.Errors alone so that such an order survives.
func Canonicalize(s *Snapshot) {
	slices.SortStableFunc(s.Scopes, func(a, b Scope) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Account, b.Account))
	})
	if s.AWS != nil {
		canonicalAWS(s.AWS)
	}
}

// SortErrors puts collection errors in the canonical order — by account,
// region, service, operation, resource, code, message — and drops exact
// duplicates (concurrent workers may record the same failure twice).
func SortErrors(errs []CollectionError) []CollectionError {
	out := make([]CollectionError, 0, len(errs))
	seen := make(map[string]bool, len(errs))
	for _, e := range errs {
		if k := e.key(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b CollectionError) int {
		return cmp.Or(
			cmp.Compare(a.Account, b.Account), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Service, b.Service),
			cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message))
	})
	return out
}

// key is every field of the error, for finding exact duplicates
// (Sources keeps the struct from being a map key itself).
func (e CollectionError) key() string {
	return strings.Join([]string{e.Provider, e.Account, e.Region, e.Service, e.Operation, e.Code, e.Message, e.Resource, strings.Join(e.Sources, "\x01")}, "\x00")
}

// sortBy sorts a list stably by one string key.
func sortBy[T any](l []T, key func(*T) string) {
	slices.SortStableFunc(l, func(a, b T) int { return strings.Compare(key(&a), key(&b)) })
}

package awsiam

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// prefixMatch against a plain reference (positions kept as lists, the
// way the evaluator first did it) on real ARNs and on many short random
// patterns over a small alphabet, long ones included, so that the flag
// sets it follows the pattern with cannot drift from it.
func TestPrefixMatchAgreesWithReference(t *testing.T) {
	check := func(pattern, prefix string) {
		t.Helper()
		c, m := prefixMatch(pattern, prefix)
		wc, wm := refPrefixMatch(pattern, prefix)
		if c != wc || m != wm {
			t.Fatalf("prefixMatch(%q, %q) = %v, %v; want %v, %v", pattern, prefix, c, m, wc, wm)
		}
	}
	for _, pat := range []string{"*", "arn:aws:iam::*:role/*", "arn:aws:iam::111111111111:role/ops-*", "arn:aws:iam::*:user/${aws:username}", "arn:*:iam::*:*", "arn:aws:iam::1111?1111111:role/*", "", "**"} {
		for _, pre := range []string{"", "arn:aws:iam::111111111111:role/", "arn:aws:iam::111111111111:user/", "arn:aws:iam::111111111111:policy/", "arn:aws:lambda:us-east-1:111111111111:function:"} {
			check(pat, pre)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) string {
		var b strings.Builder
		for range r.IntN(n + 1) {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 200000 {
		check(word("ab*?/", 7), word("ab/", 6))
	}
	for range 200 {
		check(word("ab*?", 300), word("ab", 200))
	}
}

func refPrefixMatch(pattern, prefix string) (covers, may bool) {
	ks := refStates(pattern, prefix)
	for _, k := range ks {
		if k < len(pattern) && onlyStars(pattern[k:]) {
			covers = true
		}
	}
	return covers, len(ks) > 0
}

func refStates(pattern, prefix string) []int {
	cur := refClosure(pattern, []int{0})
	for i := 0; i < len(prefix) && len(cur) > 0; i++ {
		var next []int
		seen := map[int]bool{}
		for _, k := range cur {
			if k >= len(pattern) {
				continue
			}
			switch pattern[k] {
			case '*':
				if !seen[k] {
					seen[k] = true
					next = append(next, k)
				}
			case '?', prefix[i]:
				if !seen[k+1] {
					seen[k+1] = true
					next = append(next, k+1)
				}
			}
		}
		cur = refClosure(pattern, next)
	}
	return cur
}

func refClosure(pattern string, ks []int) []int {
	out := ks
	seen := map[int]bool{}
	for _, k := range ks {
		seen[k] = true
	}
	for i := 0; i < len(out); i++ {
		k := out[i]
		if k < len(pattern) && pattern[k] == '*' && !seen[k+1] {
			seen[k+1] = true
			out = append(out, k+1)
		}
	}
	return out
}

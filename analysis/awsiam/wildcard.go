package awsiam

import "github.com/rampart-sec/rampart/internal/wildcard"

// IAM wildcards: "*" is any run of characters (none included, "/" and ":"
// included), "?" is exactly one character, everything else is literal.
// Unlike path globs there are no character classes or braces: "[" and "{"
// in "arn:aws:s3:::b/${aws:username}" are plain characters.

// Match reports whether s matches the IAM wildcard pattern (the matcher
// waivers use too: internal/wildcard).
func Match(pattern, s string) bool { return wildcard.Match(pattern, s) }

// states returns the positions of pattern reachable after reading prefix
// (a position k means pattern[:k] has matched prefix, stars included), or
// nil when no position survives.
func states(pattern, prefix string) []int {
	cur := closure(pattern, []int{0})
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
		cur = closure(pattern, next)
	}
	return cur
}

// closure adds, for each position at a star, the position after it (a
// star may match nothing).
func closure(pattern string, ks []int) []int {
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

// CoversPrefix reports whether pattern matches every string that starts
// with prefix followed by at least one character: "arn:aws:iam::*:role/*"
// covers "arn:aws:iam::111111111111:role/". It is sound, not complete: a
// false answer only means "check each ARN", never a wrong grant.
func CoversPrefix(pattern, prefix string) bool {
	for _, k := range states(pattern, prefix) {
		if k < len(pattern) && onlyStars(pattern[k:]) {
			return true
		}
	}
	return false
}

// MayMatchPrefix reports whether pattern can match some string starting
// with prefix. A false answer is certain: no ARN under prefix matches.
func MayMatchPrefix(pattern, prefix string) bool {
	return len(states(pattern, prefix)) > 0
}

func onlyStars(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '*' {
			return false
		}
	}
	return true
}

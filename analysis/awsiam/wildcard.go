package awsiam

import "github.com/rampart-sec/rampart/internal/wildcard"

// IAM wildcards: "*" is any run of characters (none included, "/" and ":"
// included), "?" is exactly one character, everything else is literal.
// Unlike path globs there are no character classes or braces: "[" and "{"
// in "arn:aws:s3:::b/${aws:username}" are plain characters.

// Match reports whether s matches the IAM wildcard pattern (the matcher
// waivers use too: internal/wildcard).
func Match(pattern, s string) bool { return wildcard.Match(pattern, s) }

// prefixStates returns the positions of pattern reachable after reading
// prefix: at[k] means pattern[:k] has matched prefix, stars included (k
// runs to len(pattern)); nil when none is. The set is a slice of flags
// (cur or next, both len(pattern)+1, reused as the two generations)
// rather than a list, so that following the pattern allocates nothing
// for the usual ARN lengths.
func prefixStates(pattern, prefix string, cur, next []bool) (at []bool) {
	clear(cur)
	cur[0] = true
	starClosure(pattern, cur)
	for i := 0; i < len(prefix); i++ {
		clear(next)
		alive := false
		for k := 0; k < len(pattern); k++ {
			if !cur[k] {
				continue
			}
			switch pattern[k] {
			case '*':
				next[k], alive = true, true
			case '?', prefix[i]:
				next[k+1], alive = true, true
			}
		}
		if !alive {
			return nil
		}
		starClosure(pattern, next)
		cur, next = next, cur
	}
	return cur
}

// starClosure adds, for each position at a star, the position after it
// (a star may match nothing); ascending order follows runs of stars.
func starClosure(pattern string, at []bool) {
	for k := 0; k < len(pattern); k++ {
		if at[k] && pattern[k] == '*' {
			at[k+1] = true
		}
	}
}

// prefixMatch says whether pattern matches every string that starts
// with prefix followed by at least one character (covers), and whether
// it can match some string starting with prefix (may). See CoversPrefix
// and MayMatchPrefix.
func prefixMatch(pattern, prefix string) (covers, may bool) {
	var buf [2 * 128]bool
	n := len(pattern) + 1
	var cur, next []bool
	if 2*n <= len(buf) {
		cur, next = buf[:n], buf[n:2*n]
	} else {
		cur, next = make([]bool, n), make([]bool, n)
	}
	at := prefixStates(pattern, prefix, cur, next)
	if at == nil {
		return false, false
	}
	for k := 0; k < len(pattern); k++ {
		if at[k] && onlyStars(pattern[k:]) {
			return true, true
		}
	}
	return false, true
}

// CoversPrefix reports whether pattern matches every string that starts
// with prefix followed by at least one character: "arn:aws:iam::*:role/*"
// covers "arn:aws:iam::111111111111:role/". It is sound, not complete: a
// false answer only means "check each ARN", never a wrong grant.
func CoversPrefix(pattern, prefix string) bool {
	covers, _ := prefixMatch(pattern, prefix)
	return covers
}

// MayMatchPrefix reports whether pattern can match some string starting
// with prefix. A false answer is certain: no ARN under prefix matches.
func MayMatchPrefix(pattern, prefix string) bool {
	_, may := prefixMatch(pattern, prefix)
	return may
}

func onlyStars(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '*' {
			return false
		}
	}
	return true
}

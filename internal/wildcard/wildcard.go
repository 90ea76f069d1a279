// Package wildcard is the one wildcard matcher of rampart, shared by IAM
// policy evaluation and waiver resource patterns: "*" is any run of
// characters (none included, "/" and ":" included), "?" is exactly one
// character, every other character is literal — no classes or braces, so
// "[" and "{" in "arn:aws:s3:::b/${aws:username}" are plain text.
package wildcard

import "unicode/utf8"

// Match reports whether s matches pattern. A "*" in the pattern is always
// a wildcard, also where s has a literal "*" at that place. Matching is
// iterative with one backtrack point per star, O(len(pattern)*len(s)) at
// worst, and allocates nothing.
func Match(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		if p < len(pattern) && pattern[p] == '*' {
			star, mark = p, i
			p++
			continue
		}
		if p < len(pattern) {
			pr, pn := utf8.DecodeRuneInString(pattern[p:])
			_, sn := utf8.DecodeRuneInString(s[i:])
			if pr == '?' || pattern[p:p+pn] == s[i:i+sn] {
				p += pn
				i += sn
				continue
			}
		}
		if star < 0 {
			return false
		}
		// Let the last star take one more character and retry.
		p = star + 1
		_, n := utf8.DecodeRuneInString(s[mark:])
		mark += n
		i = mark
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

package wildcard

import "testing"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"arn:aws:iam::*:role/ops-*", "arn:aws:iam::111111111111:role/ops-admin", true},
		{"iam:Pass*", "iam:PassRole", true},
		{"iam:?assRole", "iam:PassRole", true},
		{"iam:PassRole", "iam:PassRoles", false},
		{"a*b*c", "aXXbYYbc", true},
		{"a*b*c", "aXXbYY", false},
		{"*", "", true},
		{"?", "", false},
		{"arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${aws:username}/x", true}, // braces are text
		{"role[0]", "role0", false}, // brackets are text
		// A * is a wildcard even where s holds a literal * (a policy
		// resource "*0", a for_each key "*"): it must not be taken as the
		// literal and leave the rest unmatched.
		{"a*", "a*x", true},
		{"*", "*0", true},
		{"*0", "**0", true},
		{`role["*"]`, `role["*"]`, true},
		// ? is one character, not one byte.
		{"caf?", "café", true},
		{"ü?", "üx", true},
	} {
		if got := Match(tc.pattern, tc.s); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}

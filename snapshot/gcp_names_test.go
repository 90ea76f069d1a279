package snapshot

import "testing"

func TestGCPDefaultServiceAccount(t *testing.T) {
	for _, tc := range []struct{ email, want string }{
		{"123456789012-compute@developer.gserviceaccount.com", "compute"},
		{"prod-app@appspot.gserviceaccount.com", "appengine"},
		{"abc-compute@developer.gserviceaccount.com", ""}, // not a project number
		{"773711848681-ke5v18ndptc8j6cb5rraooik5kh0plcs@developer.gserviceaccount.com", ""},
		{"deployer@prod-app.iam.gserviceaccount.com", ""},
		{"no-at-sign", ""},
	} {
		if got := GCPDefaultServiceAccount(tc.email); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.email, got, tc.want)
		}
	}
}

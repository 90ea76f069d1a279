package azure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
)

// worldOf is the known world with n generated users, served 999 to a page
// as Graph does for users.
func worldOf(n int) *azurefake.World {
	w := azurefake.KnownWorld()
	w.PageSize = 999
	w.Users, w.Registration = nil, nil
	for i := 1; i <= n; i++ {
		upn := fmt.Sprintf("user%05d@example.onmicrosoft.com", i)
		w.Users = append(w.Users, map[string]any{"id": azurefake.UID(i), "userPrincipalName": upn, "displayName": upn, "userType": "Member", "accountEnabled": true,
			"createdDateTime": "2024-01-01T00:00:00Z", "signInActivity": map[string]any{"lastSignInDateTime": "2025-05-01T00:00:00Z"}})
		w.Registration = append(w.Registration, map[string]any{"id": azurefake.UID(i), "userPrincipalName": upn, "isMfaRegistered": i%2 == 0, "isMfaCapable": true, "methodsRegistered": []string{}})
	}
	return w
}

// calls collects a world and counts the requests per API.
func calls(t *testing.T, w *azurefake.World) (graph, arm int) {
	f := azurefake.New(t, w)
	collectFake(t, f, Options{})
	for _, r := range f.Log() {
		if strings.HasPrefix(r, "GET /v1.0/") {
			graph++
		} else {
			arm++
		}
	}
	return graph, arm
}

// Principle 4: cost grows with pages, not users. 5,000 users are 6 pages
// of users and 6 of registration details where 10 users are 1 and 1: the
// two collections differ by exactly those 10 Graph calls, and ARM not at
// all.
func TestCallsGrowWithPagesNotUsers(t *testing.T) {
	g10, a10 := calls(t, worldOf(10))
	g5k, a5k := calls(t, worldOf(5000))
	t.Logf("10 users: %d Graph + %d ARM calls; 5,000 users: %d Graph + %d ARM calls", g10, a10, g5k, a5k)
	pages := func(n int) int { return (n + 998) / 999 }
	if want := 2 * (pages(5000) - pages(10)); g5k-g10 != want {
		t.Errorf("Graph calls grew by %d from 10 to 5,000 users, want %d (two listings of %d more pages)", g5k-g10, want, pages(5000)-pages(10))
	}
	if a5k != a10 {
		t.Errorf("ARM calls %d vs %d: they do not depend on users", a5k, a10)
	}
}

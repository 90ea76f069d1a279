package azure

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestHint(t *testing.T) {
	for _, tc := range []struct {
		err  snapshot.CollectionError
		want string
	}{
		{snapshot.CollectionError{Provider: "azure", Service: "authorization", Code: "AuthorizationFailed"}, "grant the built-in Reader role"},
		{snapshot.CollectionError{Provider: "azure", Service: "graph", Code: "Authorization_RequestDenied"}, "grant the Graph application permissions in collectors/azure/permissions.json"},
		{snapshot.CollectionError{Provider: "azure", Service: "graph", Code: CodeNonPremium}, "lacks the Entra ID licence"},
		{snapshot.CollectionError{Provider: "aws", Code: "AuthorizationFailed"}, ""},
		{snapshot.CollectionError{Provider: "azure", Code: "ResourceNotFound"}, ""},
	} {
		got := Hint(tc.err)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.err, got, tc.want)
		}
	}
}

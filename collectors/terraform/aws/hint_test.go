package aws

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestHint(t *testing.T) {
	if got := Hint(snapshot.CollectionError{Provider: "aws", Code: CodeOwnAccountUnknown}); !strings.Contains(got, "allowed_account_ids") {
		t.Errorf("OwnAccountUnknown: %q", got)
	}
	if got := Hint(snapshot.CollectionError{Provider: "aws", Code: "AccessDenied"}); got != "" {
		t.Errorf("AccessDenied: %q", got)
	}
}

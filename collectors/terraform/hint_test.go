package terraform

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestHint(t *testing.T) {
	for code, want := range map[string]string{
		CodeUnknownUntilApply:       "computed during apply",
		snapshot.CodeUnknownGrantee: "whom the grant reaches",
		"AccessDenied":              "",
	} {
		got := Hint(snapshot.CollectionError{Provider: "aws", Code: code})
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
}

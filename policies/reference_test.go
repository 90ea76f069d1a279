package policies

import (
	"os"
	"strings"
	"testing"
)

// docs/controls.md is generated from the policies' metadata; it must not
// drift from them.
func TestCommittedReferenceIsCurrent(t *testing.T) {
	var b strings.Builder
	WriteReference(&b, builtinEngine(t).Controls())
	got, err := os.ReadFile("../docs/controls.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Error("docs/controls.md is out of date: run go run ./cmd/rampart policy doc")
	}
}

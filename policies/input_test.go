package policies

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The streaming conversion gives exactly OPA's own conversion, and refuses
// what is not one JSON document.
func TestValueFromJSON(t *testing.T) {
	for _, doc := range []string{
		`{"a":[1,2.5,-3e2,"x",true,false,null,{}],"b":{"c":"` + strings.Repeat("long", 20) + `","d":[]},"e":"x"}`,
		`[]`, `"s"`, `12`, `null`,
		`{"dup":{"name":"n","arn":"a"},"dup2":{"name":"n","arn":"a"}}`,
	} {
		got, _, err := valueFromJSON([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		want, err := ast.ValueFromReader(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("%s: got %v, want %v", doc, got, want)
		}
	}
	for _, bad := range []string{`{"a":1} {}`, `{"a":`, `[1,]`, `{1:2}`} {
		if _, _, err := valueFromJSON([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

package policies

import (
	"strings"
	"testing"
)

func TestCatalogueDigest(t *testing.T) {
	a := []source{{file: "a.rego", text: []byte("package a")}, {file: "b.rego", text: []byte("package b")}}
	base := catalogueDigest(a)
	for _, tc := range []struct {
		name string
		srcs []source
		same bool
	}{
		{"same sources", []source{{file: "a.rego", text: []byte("package a")}, {file: "b.rego", text: []byte("package b")}}, true},
		{"load order does not matter", []source{a[1], a[0]}, true},
		{"a changed policy", []source{a[0], {file: "b.rego", text: []byte("package b2")}}, false},
		{"a policy added", append([]source{{file: "c.rego", text: nil}}, a...), false},
		{"name and text boundary", []source{{file: "a.regopackage a", text: nil}, a[1]}, false},
	} {
		if got := catalogueDigest(tc.srcs); (got == base) != tc.same {
			t.Errorf("%s: digest %s vs %s", tc.name, got, base)
		}
	}
}

func TestCatalogueOfNamesUserPolicies(t *testing.T) {
	if got := catalogueOf(nil); got != CatalogueVersion() {
		t.Errorf("built-in only: %s, want the store's catalogue version %s", got, CatalogueVersion())
	}
	got := catalogueOf([]source{{file: "mine/x.rego", text: []byte("package x")}})
	if !strings.HasPrefix(got, CatalogueVersion()+"+policy-dir:sha256:") || len(got) != len(CatalogueVersion())+len("+policy-dir:sha256:")+16 {
		t.Errorf("with user policies: %s", got)
	}
}

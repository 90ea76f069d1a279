package policies

import (
	"path"
	"strings"
	"testing"
)

// Packages match folders, so a reader finds a package from its import
// and a new provider's files slot in without thinking: lib/aws/iam.rego
// is rampart.lib.aws.iam, aws/root_mfa.rego rampart.aws.root_mfa, a file
// named after its folder (lib/aws/aws.rego) the folder's package itself,
// and a test file its package with "_test".
func TestPackagesMatchFolders(t *testing.T) {
	srcs, err := builtinSources(true)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if got, want := strings.TrimPrefix(mods[s.file].Package.Path.String(), "data."), packageOf(s.file); got != want {
			t.Errorf("%s: package %s, want %s", s.file, got, want)
		}
	}
}

// packageOf is the package a built-in file ("builtin/lib/aws/iam.rego")
// must declare.
func packageOf(file string) string {
	dir, name := path.Split(strings.TrimPrefix(file, "builtin/"))
	dir = strings.TrimSuffix(dir, "/")
	name = strings.TrimSuffix(name, ".rego")
	suffix := ""
	if isTest(file) {
		name, suffix = strings.TrimSuffix(name, "_test"), "_test"
	}
	pkg := "rampart." + strings.ReplaceAll(dir, "/", ".")
	if name != path.Base(dir) {
		pkg += "." + name
	}
	return pkg + suffix
}

func TestPackageOf(t *testing.T) {
	for file, want := range map[string]string{
		"builtin/aws/root_mfa.rego":      "rampart.aws.root_mfa",
		"builtin/aws/root_mfa_test.rego": "rampart.aws.root_mfa_test",
		"builtin/lib/aws/aws.rego":       "rampart.lib.aws",
		"builtin/lib/aws/iam_test.rego":  "rampart.lib.aws.iam_test",
		"builtin/lib/time.rego":          "rampart.lib.time",
		"builtin/lib/azure/graph.rego":   "rampart.lib.azure.graph",
	} {
		if got := packageOf(file); got != want {
			t.Errorf("%s: %s, want %s", file, got, want)
		}
	}
}

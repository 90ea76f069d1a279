package policies

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// source is one Rego file to load.
type source struct {
	file    string // name shown in errors
	text    []byte
	builtin bool
}

// load reads and parses the built-in policies and those under dirs, tests
// included when tests is true, and reads the controls' metadata: what a
// scan and a test run both start from.
func load(dirs []string, tests bool) (map[string]*ast.Module, []*Control, error) {
	mods, controls, _, err := loadSources(dirs, tests)
	return mods, controls, err
}

// loadSources is load that also returns the digest of the sources read
// (catalogueDigest), for the engine to name its catalogue.
func loadSources(dirs []string, tests bool) (map[string]*ast.Module, []*Control, string, error) {
	srcs, err := builtinSources(tests)
	if err != nil {
		return nil, nil, "", err
	}
	var user []source
	for _, dir := range dirs {
		more, err := dirSources(dir, tests)
		if err != nil {
			return nil, nil, "", err
		}
		user = append(user, more...)
	}
	srcs = append(srcs, user...)
	mods, err := parse(srcs)
	if err != nil {
		return nil, nil, "", err
	}
	if err := checkReserved(srcs, mods); err != nil {
		return nil, nil, "", err
	}
	if err := checkSchemaAnnotations(mods); err != nil {
		return nil, nil, "", err
	}
	controls, err := controlsOf(srcs, mods)
	return mods, controls, catalogueOf(user), err
}

// isTest reports whether a Rego file holds unit tests, which the engine
// skips and the test runner loads.
func isTest(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// builtinSources lists the embedded policy files, tests included when
// tests is true.
func builtinSources(tests bool) ([]source, error) {
	var out []source
	err := fs.WalkDir(builtinFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" || (isTest(p) && !tests) {
			return err
		}
		b, err := builtinFS.ReadFile(p)
		out = append(out, source{file: "builtin/" + p, text: b, builtin: true})
		return err
	})
	return out, err
}

// DirError is a policy directory that cannot be used.
type DirError struct {
	Dir string
	Msg string
}

func (e *DirError) Error() string { return "policy directory " + e.Dir + ": " + e.Msg }

// dirSources lists the .rego files under dir (recursively).
func dirSources(dir string, tests bool) ([]source, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &DirError{Dir: dir, Msg: errors.Unwrap(err).Error()}
	}
	if !st.IsDir() {
		return nil, &DirError{Dir: dir, Msg: "expected a directory of .rego files"}
	}
	var out []source
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".rego" || (isTest(p) && !tests) {
			return err
		}
		b, err := os.ReadFile(p)
		out = append(out, source{file: p, text: b})
		return err
	})
	if err == nil && len(out) == 0 {
		err = &DirError{Dir: dir, Msg: "no .rego files found"}
	}
	return out, err
}

// parse parses every source as Rego v1 with its METADATA, collecting all
// syntax errors as file:line:col lines.
func parse(srcs []source) (map[string]*ast.Module, error) {
	mods := make(map[string]*ast.Module, len(srcs))
	var errs []string
	for _, s := range srcs {
		m, err := ast.ParseModuleWithOpts(s.file, string(s.text), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			errs = append(errs, regoErrors(err)...)
			continue
		}
		mods[s.file] = m
	}
	if len(errs) > 0 {
		return nil, &PolicyError{Lines: errs}
	}
	return mods, nil
}

// PolicyError is one or more problems in policy files, each a
// "file:line:col: message" line.
type PolicyError struct{ Lines []string }

func (e *PolicyError) Error() string { return strings.Join(e.Lines, "\n") }

// regoErrors formats OPA parse or compile errors as file:line:col lines.
func regoErrors(err error) []string {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return []string{err.Error()}
	}
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Location != nil {
			out = append(out, fmt.Sprintf("%s:%d:%d: %s", e.Location.File, e.Location.Row, e.Location.Col, e.Message))
		} else {
			out = append(out, e.Message)
		}
	}
	sort.Strings(out)
	return out
}

package policies

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// userDir writes Rego modules (name → text) into a fresh directory.
func userDir(t *testing.T, modules map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range modules {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// controlHeader is the METADATA and package of a user control.
func controlHeader(id, pkg string) string {
	return fmt.Sprintf("# METADATA\n# title: %s\n# custom:\n#   id: %s\n#   severity: low\n#   provider: aws\npackage %s\n\nimport rego.v1\n\n", id, id, pkg)
}

// No policy reads the filesystem: the schema builtins, which follow
// file:// references, are withheld, and so are the x509 verifications,
// which read the wall clock. Each attempt is refused when the policies
// load, before anything is read: /dev/stdin would hang and /dev/zero
// exhaust memory if it were opened.
func TestPoliciesCannotReadFiles(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"match_schema on /etc/passwd", `x := json.match_schema({}, {"$ref": "file:///etc/passwd"})`, "undefined function json.match_schema"},
		{"verify_schema on /dev/zero", `x := json.verify_schema({"$ref": "file:///dev/zero"})`, "undefined function json.verify_schema"},
		{"match_schema on /dev/stdin", `x := json.match_schema({}, "{\"$ref\": \"file:///dev/stdin\"}")`, "undefined function json.match_schema"},
		{"x509 verification", `x := crypto.x509.parse_and_verify_certificates("")`, "undefined function crypto.x509.parse_and_verify_certificates"},
		{"x509 verification with options", `x := crypto.x509.parse_and_verify_certificates_with_options("", {})`, "undefined function crypto.x509.parse_and_verify_certificates_with_options"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := userDir(t, map[string]string{"p.rego": "package rampart.custom.p\n\nimport rego.v1\n\n" + tc.body + "\n"})
			_, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{dir}})
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), filepath.Join(dir, "p.rego")+":5:") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a policy error at p.rego:5 containing %q", err, tc.want)
			}
		})
	}
}

// A METADATA schema annotation is compiled by OPA with a loader that
// opens files: it may only refer within itself. The order matters: if
// the first case were not refused, the later ones would read /dev/zero
// or block on /dev/stdin, so the test stops at the first failure.
func TestSchemaAnnotationsCannotReadFiles(t *testing.T) {
	for _, tc := range []struct{ schema, want string }{
		{`{"$ref": "file:///etc/passwd"}`, `$ref "file:///etc/passwd" refers outside the definition`},
		{`{"$ref": "/etc/passwd"}`, `$ref "/etc/passwd" refers outside the definition`},
		{`{"$ref": "other.json#/x"}`, `$ref "other.json#/x" refers outside the definition`},
		{`{"type": "object", "properties": {"a": {"$ref": "file:///dev/zero"}}}`, `$ref "file:///dev/zero" refers outside the definition`},
		{`{"allOf": [{"$ref": "file:///dev/stdin"}]}`, `$ref "file:///dev/stdin" refers outside the definition`},
		{`{"$id": "file:///etc/", "$ref": "#/definitions/x", "definitions": {"x": {}}}`, `$id "file:///etc/" refers outside the definition`},
		{`{"$schema": "file:///dev/stdin"}`, `$schema "file:///dev/stdin" is not a published JSON Schema draft`},
	} {
		module := "# METADATA\n# schemas:\n#   - input.foo: " + tc.schema + "\npackage rampart.custom.s\n\nimport rego.v1\n\nx := input.foo\n"
		dir := userDir(t, map[string]string{"s.rego": module})
		_, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{dir}})
		var pe *PolicyError
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), filepath.Join(dir, "s.rego")+":1:1: METADATA schemas: input.foo: ") || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: got %v, want a policy error at s.rego:1 containing %q", tc.schema, err, tc.want)
		}
	}
	// An inline schema with references inside itself still loads.
	ok := "# METADATA\n# schemas:\n#   - input.foo: {\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"$ref\": \"#/definitions/x\", \"definitions\": {\"x\": {\"type\": \"string\"}}}\npackage rampart.custom.s\n\nimport rego.v1\n\nx := input.foo\n"
	if _, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{userDir(t, map[string]string{"s.rego": ok})}}); err != nil {
		t.Fatal(err)
	}
}

// io.jwt.decode_verify checks a token's validity period against the
// evaluation's "now" (the snapshot's collected_at or --now), not the wall
// clock: the token below was valid in 2000 only, and is judged valid at
// a snapshot of 2000 and expired at one of today.
func TestJWTVerificationReadsTheEvaluationsNow(t *testing.T) {
	token := hs256(t, "secret", fmt.Sprintf(`{"nbf":%d,"exp":%d}`,
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC).Unix()))
	module := controlHeader("custom-jwt", "rampart.custom.jwt") + fmt.Sprintf(`results contains r if {
	[valid, _, _] := io.jwt.decode_verify(%q, {"secret": "secret"})
	r := {"status": status(valid), "account": "111111111111", "resource": "token", "resource_type": "token", "message": "token"}
}

status(true) := "PASS"

status(false) := "FAIL"
`, token)
	dir := userDir(t, map[string]string{"jwt.rego": module})
	for _, tc := range []struct {
		collected, now time.Time
		want           results.Status
	}{
		{collected: time.Date(2000, 6, 1, 0, 0, 0, 0, time.UTC), want: results.Pass},
		{collected: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), want: results.Fail},
		{collected: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), now: time.Date(2000, 2, 1, 0, 0, 0, 0, time.UTC), want: results.Pass},
		{collected: time.Date(2000, 6, 1, 0, 0, 0, 0, time.UTC), now: time.Date(2001, 2, 1, 0, 0, 0, 0, time.UTC), want: results.Fail},
	} {
		e := newEngine(t, Options{PolicyDirs: []string{dir}, Controls: []string{"custom-jwt"}, Now: tc.now})
		snap := testSnapshot()
		snap.CollectedAt = tc.collected
		rs := evaluate(t, e, snap)
		if len(rs) != 1 || rs[0].Status != tc.want {
			t.Errorf("collected %s, now %s: got %v, want one %s", tc.collected, tc.now, rs, tc.want)
		}
	}
}

// hs256 signs claims as a compact JWT with HMAC-SHA256.
func hs256(t *testing.T, secret, claims string) string {
	t.Helper()
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	return signed + "." + enc.EncodeToString(mac.Sum(nil))
}

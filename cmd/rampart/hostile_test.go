package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile inputs of issue 9, one row each: what a careless or hostile
// user feeds rampart, and what must happen — the exit code, a line on
// stderr, a previous --output left untouched when the run fails, and the
// verdict where the run decides one. Every input is built in a temporary
// directory from the real fixtures (the example organization, the offline
// evidence files, the Terraform plans). The 20 scans under throttling
// (item 14) are TestTwentyScansUnderThrottlingLoseNothing in
// collectors/aws, the fuzz targets scripts/fuzz.sh; the baseline rule
// (item 1) and terminal safety (item 15) are tested with the reports.
func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.item+" "+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files(t) {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			out := filepath.Join(dir, "report.json")
			previous := "previous report\n"
			if tc.output != "" {
				out = strings.ReplaceAll(tc.output, "DIR", dir)
				b, _ := os.ReadFile(out)
				previous = string(b)
			} else if err := os.WriteFile(out, []byte(previous), 0o644); err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "DIR", dir))
			}
			code, _, stderr := rampart(t, append(args, "-f", "json", "-o", out)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			want := strings.ReplaceAll(tc.stderr, "DIR", dir)
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr\n%s\ndoes not contain\n%s", stderr, want)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic:") {
				t.Errorf("a Go trace on stderr:\n%s", stderr)
			}
			got, _ := os.ReadFile(out)
			if code == exitError {
				if string(got) != previous {
					t.Errorf("the previous --output was overwritten: %.200q", got)
				}
				return
			}
			var r jsonReport
			if err := json.Unmarshal(got, &r); err != nil {
				t.Fatalf("report not JSON: %v", err)
			}
			for _, v := range tc.verdicts {
				found := false
				for _, x := range r.Results {
					if x.Control == v.control && x.Resource == v.resource {
						found = true
						if x.Status != v.status || !strings.Contains(x.Message, v.message) {
							t.Errorf("%s %s: %s %q, want %s and a message containing %q", v.control, v.resource, x.Status, x.Message, v.status, v.message)
						}
					}
				}
				if !found {
					t.Errorf("%s %s: no result, want %s", v.control, v.resource, v.status)
				}
			}
		})
	}
}

type verdict struct{ control, resource, status, message string }

type hostileCase struct {
	item, name string
	// files are written into the test's directory; args and stderr name
	// it DIR.
	files func(t *testing.T) map[string]string
	env   map[string]string
	// output is the --output file when not DIR/report.json; it must be
	// left as it was on exit 2.
	output   string
	args     []string
	code     int
	stderr   string
	verdicts []verdict
}

const (
	root1 = "arn:aws:iam::111111111111:root"
	root2 = "arn:aws:iam::222222222222:root"
)

func hostileCases() []hostileCase {
	files := func(kv ...string) func(t *testing.T) map[string]string {
		return func(t *testing.T) map[string]string {
			m := map[string]string{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i]] = kv[i+1]
			}
			return m
		}
	}
	// snap is the example organization with edit applied to its text.
	snap := func(edit func(t *testing.T, s string) string) func(t *testing.T) map[string]string {
		return func(t *testing.T) map[string]string {
			return map[string]string{"s.json": edit(t, exampleText(t))}
		}
	}
	policy := func(module string) func(t *testing.T) map[string]string {
		return func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "p/p.rego": module}
		}
	}
	evidence := func(edit func(t *testing.T, rows [][]string) [][]string) func(t *testing.T) map[string]string {
		return func(t *testing.T) map[string]string {
			gaad, err := os.ReadFile("../../collectors/aws/testdata/gaad.json")
			if err != nil {
				t.Fatal(err)
			}
			return map[string]string{"gaad.json": string(gaad), "report.csv": editCSV(t, "../../collectors/aws/testdata/credential-report.csv", edit)}
		}
	}
	offline := []string{"scan", "aws", "--gaad", "DIR/gaad.json", "--credential-report", "DIR/report.csv", "--now", "2026-03-01T00:00:00Z"}
	evalSnap := []string{"eval", "DIR/s.json"}
	withPolicy := []string{"eval", "DIR/s.json", "--policy-dir", "DIR/p"}

	return []hostileCase{
		// Item 2: a user policy rewrites built-in controls.
		{item: "2", name: "a trusted account added to the library", files: policy("package rampart.lib.aws.trust\n\ntrusted_accounts contains \"888888888888\"\n"),
			args: withPolicy, code: exitError, stderr: "DIR/p/p.rego:3:1: package rampart.lib.aws.trust: rule data.rampart.lib.aws.trust.trusted_accounts is in data.rampart.lib"},
		{item: "2", name: "a built-in control's helper overridden", files: policy("package rampart.aws.admin_policy_attached\n\napproved(_) := true\n"),
			args: withPolicy, code: exitError, stderr: "DIR/p/p.rego:3:1: package rampart.aws.admin_policy_attached: rule data.rampart.aws.admin_policy_attached.approved is in data.rampart.aws.admin_policy_attached"},
		{item: "2", name: "the thresholds replaced", files: policy("package rampart.config.thresholds\n\nunused_role_days := 100000\n"),
			args: withPolicy, code: exitError, stderr: "package rampart.config.thresholds: rule data.rampart.config.thresholds.unused_role_days is in data.rampart.config"},
		{item: "2", name: "the clock stopped", files: policy("package rampart\n\nnow := \"2000-01-01T00:00:00Z\"\n"),
			args: withPolicy, code: exitError, stderr: "DIR/p/p.rego:3:1: package rampart: rule data.rampart.now is in data.rampart.now"},
		{item: "2", name: "a built-in control extended from its parent package", files: policy("package rampart.aws\n\nadmin_policy_attached.approved(_) := true\n"),
			args: withPolicy, code: exitError, stderr: "rule data.rampart.aws.admin_policy_attached.approved is in data.rampart.aws.admin_policy_attached"},

		// Item 3: a trimmed credential report.
		{item: "3", name: "no access_key columns", files: evidence(dropColumns("access_key_")), args: offline, code: exitError,
			stderr: "DIR/report.csv: credential report: column access_key_1_active, access_key_1_last_rotated"},
		{item: "3", name: "no password_last_used column", files: evidence(dropColumns("password_last_used")), args: offline, code: exitError,
			stderr: "DIR/report.csv: credential report: column password_last_used missing"},
		{item: "3", name: "no <root_account> row", files: evidence(dropRoot), args: offline, code: exitOK,
			verdicts: []verdict{{"aws-root-mfa", root1, "ERROR", "not decided"}, {"aws-root-access-keys", root1, "ERROR", "not decided"},
				{"aws-root-hardware-mfa", root1, "ERROR", "not decided"}, {"aws-root-recent-use", root1, "ERROR", "not decided"}}},

		// Item 4: duplicate keys and a second YAML document.
		{item: "4", name: "a waiver's resource given twice", files: func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "w.yaml": "- control: aws-root-mfa\n  resource: " + root1 + "\n  resource: \"*\"\n  reason: r\n  approved_by: a@example.com\n  expires: 2099-01-01\n"}
		}, args: []string{"eval", "DIR/s.json", "--waivers", "DIR/w.yaml"}, code: exitError, stderr: "DIR/w.yaml"},
		{item: "4", name: "a second YAML document in a waiver file", files: func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "w.yaml": "- control: aws-root-mfa\n  resource: " + root1 + "\n  reason: r\n  approved_by: a@example.com\n  expires: 2099-01-01\n---\n- control: aws-root-mfa\n  resource: \"*\"\n  reason: r\n  approved_by: a@example.com\n  expires: 2099-01-01\n"}
		}, args: []string{"eval", "DIR/s.json", "--waivers", "DIR/w.yaml"}, code: exitError, stderr: "DIR/w.yaml"},
		{item: "4", name: "mfa_active twice in a snapshot", files: snap(replaceFirst(`"mfa_active": true`, `"mfa_active": false, "mfa_active": true`)),
			args: evalSnap, code: exitError, stderr: `key "mfa_active" given twice in one object`},
		{item: "4", name: "a threshold twice in the config", files: func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "c.yaml": "thresholds:\n  unused_role_days: 90\n  unused_role_days: 100000\n"}
		}, args: []string{"eval", "DIR/s.json", "--config", "DIR/c.yaml"}, code: exitError, stderr: "DIR/c.yaml"},

		// Item 5: keys in another case.
		{item: "5", name: `"Root"`, files: snap(replaceFirst(`"root": {`, `"Root": {`)), args: evalSnap, code: exitError, stderr: `key "Root": expected "root" (keys are case-sensitive)`},
		{item: "5", name: `"Source"`, files: snap(replaceFirst(`"source": "api"`, `"Source": "terraform-plan"`)), args: evalSnap, code: exitError, stderr: `key "Source": expected "source"`},

		// Item 6: dropped, not ERROR.
		{item: "6", name: "a negative active_access_keys", files: snap(replaceFirst(`"active_access_keys": 0`, `"active_access_keys": -1`)),
			args: evalSnap, code: exitError, stderr: `"active_access_keys": expected a count of 0 or more, found a negative number`},
		{item: "6", name: "a snapshot without scopes", files: snap(setJSON(func(s map[string]any) { s["scopes"] = []any{} })),
			args: evalSnap, code: exitError, stderr: `DIR/s.json: the input names no scope ("scopes" is empty)`},
		{item: "6", name: "resource_changes emptied beside planned resources", files: func(t *testing.T) map[string]string {
			return map[string]string{"plan.json": editJSONFile(t, plans+"regula_admin_policy.json", func(p map[string]any) { p["resource_changes"] = []any{} })}
		}, args: []string{"eval", "DIR/plan.json"}, code: exitError, stderr: "which resource_changes does not list: the plan was edited or truncated"},
		{item: "6", name: "an account without its root user", files: snap(setJSON(func(s map[string]any) {
			s["aws"].(map[string]any)["accounts"].([]any)[1].(map[string]any)["root"] = nil
		})), args: evalSnap, code: exitOK,
			verdicts: []verdict{{"aws-root-mfa", root2, "ERROR", "root user not in the snapshot"}, {"aws-root-access-keys", root2, "ERROR", ""},
				{"aws-root-hardware-mfa", root2, "ERROR", ""}, {"aws-root-recent-use", root2, "ERROR", ""}}},
		{item: "6", name: "an admin's policy that does not parse", files: snap(setJSON(func(s map[string]any) {
			users := s["aws"].(map[string]any)["accounts"].([]any)[0].(map[string]any)["users"].([]any)
			u := users[0].(map[string]any)
			u["inline_policies"] = append(asList(u["inline_policies"]), map[string]any{"name": "broken", "document": nil, "document_error": "unexpected end of JSON input"})
		})), args: evalSnap, code: exitOK,
			verdicts: []verdict{{"aws-admin-policy-attached", "arn:aws:iam::111111111111:user/alice", "ERROR", "did not parse"},
				{"aws-privileged-user-hardware-mfa", "arn:aws:iam::111111111111:user/alice", "ERROR", "cannot tell whether the user is an admin"}}},

		// Item 7: a "*" in the resource matches a "*" too.
		{item: "7", name: "a waiver pattern over a resource holding *", files: func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "p/p.rego": starControl,
				"w.yaml": "- control: custom-star\n  resource: \"*\"\n  reason: r\n  approved_by: a@example.com\n  expires: 2099-01-01\n"}
		}, args: []string{"eval", "DIR/s.json", "--policy-dir", "DIR/p", "--waivers", "DIR/w.yaml", "--control", "custom-star"}, code: exitOK,
			verdicts: []verdict{{"custom-star", "*0", "WAIVED", ""}}},

		// Item 8: no policy reads the filesystem.
		{item: "8", name: "json.match_schema on file:///etc/passwd", files: policy("package rampart.custom.p\n\nimport rego.v1\n\nx := json.match_schema({}, {\"$ref\": \"file:///etc/passwd\"})\n"),
			args: withPolicy, code: exitError, stderr: "DIR/p/p.rego:5:6: undefined function json.match_schema"},
		{item: "8", name: "json.verify_schema on /dev/zero", files: policy("package rampart.custom.p\n\nimport rego.v1\n\nx := json.verify_schema({\"$ref\": \"file:///dev/zero\"})\n"),
			args: withPolicy, code: exitError, stderr: "undefined function json.verify_schema"},
		{item: "8", name: "a METADATA schema on /dev/stdin", files: policy("# METADATA\n# schemas:\n#   - input.x: {\"$ref\": \"file:///dev/stdin\"}\npackage rampart.custom.p\n\nimport rego.v1\n\ny := input.x\n"),
			args: withPolicy, code: exitError, stderr: `DIR/p/p.rego:1:1: METADATA schemas: input.x: $ref "file:///dev/stdin" refers outside the definition`},

		// Item 9: no wall clock.
		{item: "9", name: "x509 chain verification", files: policy("package rampart.custom.p\n\nimport rego.v1\n\nx := crypto.x509.parse_and_verify_certificates(\"\")\n"),
			args: withPolicy, code: exitError, stderr: "undefined function crypto.x509.parse_and_verify_certificates"},

		// Item 10: time and memory limits.
		{item: "10", name: "a 20k×20k comprehension in a user policy", files: policy(userControl("custom-slow", `n := count({1 | some i in numbers.range(1, 20000); some j in numbers.range(1, 20000)})`)),
			args: append(append([]string{}, withPolicy...), "--policy-timeout", "300ms"), code: exitError,
			stderr: "DIR/p/p.rego: control custom-slow was stopped: its evaluation exceeded the 300ms per-control time limit (--policy-timeout)"},
		{item: "10", name: "numbers.range(0; 1e9) in a user policy", files: policy(userControl("custom-big", `n := count(numbers.range(0, 1000000000))`)),
			args: append(append([]string{}, withPolicy...), "--policy-memory", "32"), code: exitError,
			stderr: "DIR/p/p.rego: control custom-big was stopped: its evaluation exceeded the 33.6 MB policy memory limit (--policy-memory)"},
		{item: "10", name: "a built-in control over its time limit", files: snap(same), args: []string{"eval", "DIR/s.json", "--control", "aws-root-mfa", "--policy-timeout", "1ns"}, code: exitOK,
			verdicts: []verdict{{"aws-root-mfa", root1, "ERROR", "stopped at the 1ns per-control time limit (--policy-timeout)"}, {"aws-root-mfa", root2, "ERROR", "--policy-timeout"}}},

		// Item 11: one odd string does not abort the run.
		{item: "11", name: "cloudtrail:{Stop in an SCP", files: snap(replaceFirst(`"cloudtrail:StopLogging"`, `"cloudtrail:{Stop"`)), args: evalSnap, code: exitOK,
			verdicts: []verdict{{"aws-scp-protect-logging", root2, "FAIL", ""}}},
		{item: "11", name: "[ in a metric filter pattern", files: snap(replaceFirst(`($.eventName = StopLogging)`, `($.eventName = Stop[Logging)`)), args: evalSnap, code: exitOK,
			verdicts: []verdict{{"aws-alarm-cloudtrail-changes", root1, "FAIL", ""}}},
		{item: "11", name: "a builtin error in a user policy", files: policy(notAdminControl), args: append(append([]string{}, withPolicy...), "--control", "custom-not-admin"), code: exitOK,
			verdicts: []verdict{{"custom-not-admin", "arn:aws:iam::111111111111:user/alice", "ERROR", "glob.match"}}},

		// Item 12: --output never replaces an input.
		{item: "12", name: "--output is the input", files: snap(same), args: []string{"eval", "DIR/s.json"}, output: "DIR/s.json", code: exitError, stderr: "is also the input DIR/s.json"},

		// Item 13: a dead endpoint.
		{item: "13", name: "AWS_ENDPOINT_URL that does not answer", files: files(),
			env:  map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00", "AWS_SECRET_ACCESS_KEY": "fake", "AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"},
			args: []string{"scan", "aws", "--regions", "us-east-1"}, code: exitError, stderr: "AWS_ENDPOINT_URL"},

		// Item 16: an input too large for the memory available.
		{item: "16", name: "a snapshot larger than memory allows", files: snap(same), env: map[string]string{"RAMPART_MEMORY_AVAILABLE": "1000000"},
			args: evalSnap, code: exitError, stderr: "DIR/s.json: too large for the memory available: the file is"},

		// Item 17: a fractional threshold.
		{item: "17", name: "unused_role_days: 1.5", files: func(t *testing.T) map[string]string {
			return map[string]string{"s.json": exampleText(t), "c.yaml": "thresholds:\n  unused_role_days: 1.5\n"}
		}, args: []string{"eval", "DIR/s.json", "--config", "DIR/c.yaml"}, code: exitError, stderr: "DIR/c.yaml"},
	}
}

// userControl is a user control whose results rule computes n by body.
func userControl(id, body string) string {
	return "# METADATA\n# title: " + id + "\n# custom:\n#   id: " + id + "\n#   severity: low\n#   provider: aws\npackage rampart.custom.c\n\nimport rego.v1\n\n" +
		"results contains r if {\n\t" + body + "\n\tr := {\"status\": \"PASS\", \"account\": \"111111111111\", \"resource\": \"x\", \"resource_type\": \"x\", \"message\": sprintf(\"%v\", [n])}\n}\n"
}

// starControl fails a resource whose name holds a "*".
const starControl = "# METADATA\n# title: star\n# custom:\n#   id: custom-star\n#   severity: high\n#   provider: aws\npackage rampart.custom.star\n\nimport rego.v1\n\n" +
	"results contains {\"status\": \"FAIL\", \"account\": \"111111111111\", \"resource\": \"*0\", \"resource_type\": \"x\", \"message\": \"star\"}\n"

// notAdminControl is judged PASS for every user not named like "admin"; a
// user name glob.match cannot read makes it fail on that user.
const notAdminControl = "# METADATA\n# title: not admin\n# custom:\n#   id: custom-not-admin\n#   severity: low\n#   provider: aws\npackage rampart.custom.not_admin\n\nimport rego.v1\n\n" +
	"results contains r if {\n\tsome account in input.aws.accounts\n\tsome user in account.users\n\tnot glob.match(concat(\"\", [user.name, \"[\"]), [], \"admin\")\n" +
	"\tr := {\"status\": \"PASS\", \"account\": account.account_id, \"resource\": user.arn, \"resource_type\": \"AWS::IAM::User\", \"message\": \"not admin\"}\n}\n"

func exampleText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func same(_ *testing.T, s string) string { return s }

func replaceFirst(old, new string) func(t *testing.T, s string) string {
	return func(t *testing.T, s string) string {
		t.Helper()
		if !strings.Contains(s, old) {
			t.Fatalf("the fixture has no %s", old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

func setJSON(edit func(map[string]any)) func(t *testing.T, s string) string {
	return func(t *testing.T, s string) string {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
}

func editJSONFile(t *testing.T, path string, edit func(map[string]any)) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return setJSON(edit)(t, string(b))
}

func asList(x any) []any {
	l, _ := x.([]any)
	return l
}

// editCSV reads a CSV file, edits its rows (header first) and writes it
// back as text.
func editCSV(t *testing.T, path string, edit func(t *testing.T, rows [][]string) [][]string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(edit(t, rows)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// dropColumns removes the columns whose name starts with prefix.
func dropColumns(prefix string) func(t *testing.T, rows [][]string) [][]string {
	return func(t *testing.T, rows [][]string) [][]string {
		var keep []int
		for i, name := range rows[0] {
			if !strings.HasPrefix(name, prefix) {
				keep = append(keep, i)
			}
		}
		if len(keep) == len(rows[0]) {
			t.Fatalf("no column %s* in the fixture", prefix)
		}
		out := make([][]string, len(rows))
		for r, row := range rows {
			for _, i := range keep {
				out[r] = append(out[r], row[i])
			}
		}
		return out
	}
}

// dropRoot removes the <root_account> row.
func dropRoot(t *testing.T, rows [][]string) [][]string {
	var out [][]string
	for _, row := range rows {
		if row[0] != "<root_account>" {
			out = append(out, row)
		}
	}
	if len(out) == len(rows) {
		t.Fatal("no <root_account> row in the fixture")
	}
	return out
}

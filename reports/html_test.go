package reports

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func renderHTML(t testing.TB, r *results.Report, o Options) string {
	t.Helper()
	rep, err := New("html", o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLSaysWhatTheCISONeeds(t *testing.T) {
	out := renderHTML(t, auditReport(), auditOptions())
	for _, tc := range []struct{ name, want string }{
		{"headline counts", "<strong>39 findings</strong> (FAIL)"},
		{"undecided counted apart", "<strong>1 check could not be decided</strong>"},
		{"providers grouped", `<th scope="row">GCP</th><td>2</td>`},
		{"accounts named", "payments (example-project-1)"},
		{"account without a name", `<th scope="row">example-project-2</th>`},
		{"risk in plain words", "Not met: Root user has MFA</strong> — 1 finding in 1 account: dev (333333333333)."},
		{"why from the description's first sentence", "Why it matters: The root user can do anything in the account.</p>"},
		{"first step joins the wrapped sentence", "<code>Sign in as root and enable MFA (IAM console &gt; Security credentials), preferably a hardware key.</code>"},
		{"no history said, not drawn", "No history: this report was built without a history store"},
		{"escalation target of pb-16", "CISO + SOC Lead <span class=\"count\">— 37 findings</span>"},
		{"an empty route says so", "Legal + DPO <span class=\"count\">— 0 findings</span>"},
		{"routine work apart", "Cloud team: 1 finding"},
		{"regions folded", "<summary>37 of 38 regions</summary>"},
		{"framework named", "CIS AWS Foundations 3.0"},
		{"section named", "1. Identity and Access Management"},
		{"section without a known title", "1. Identity and Access Management</th>"},
		{"check pass rate", "1 of 3"},
		{"ATT&CK name", "Impair Defenses: Disable or Modify Cloud Logs"},
		{"waiver reason", "key rotation in progress"},
		{"waiver approver", "sec-lead@example.com"},
		{"waiver expiry close", "expires within 19 days of the evaluation"},
		{"collection error and what it prevented", "Service account keys are rotated <span class=\"cid\">gcp-sa-key-age</span>: 1 result undecided"},
		{"collection error that blocked nothing", "no control rests on it"},
		{"digest whole in evidence", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{"catalogue", "sha256:feedface"},
		{"command line quoted", "rampart eval snapshot.json --format html --waivers &#39;my waivers.yaml&#39;"},
		{"collector", "rampart 1.2.3"},
		{"notes in evidence", "<dt>Note</dt><dd>control metadata from catalogue sha256:0000</dd>"},
		{"markup escaped", "user/&lt;script&gt;alert(1)&lt;/script&gt;"},
	} {
		if !strings.Contains(out, tc.want) && !strings.Contains(html.UnescapeString(out), tc.want) {
			t.Errorf("%s: %q not in the page", tc.name, tc.want)
		}
	}
	if strings.Contains(out, "<script>alert") {
		t.Error("a resource name was written as markup")
	}
	last := -1
	for _, h := range []string{"1. Executive summary", "2. Escalation", "3. Compliance", "4. Trend", "5. Findings", "6. Evidence"} {
		i := strings.Index(out, h+"</h2>")
		if i < 0 || i < last {
			t.Errorf("section %q missing or out of order", h)
		}
		last = i
	}
}

// Screen readers navigate by headings: a level is never skipped.
func TestHTMLHeadingsInOrder(t *testing.T) {
	out := renderHTML(t, auditReport(), auditOptions())
	prev := 0
	for _, m := range regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(out, -1) {
		level := int(m[1][0] - '0')
		if level > prev+1 {
			t.Fatalf("h%d follows h%d", level, prev)
		}
		prev = level
	}
	if prev == 0 {
		t.Fatal("no headings")
	}
	if n := strings.Count(out, "<table"); n == 0 || strings.Count(out, "<thead>") != n {
		t.Errorf("%d tables, %d with a header row", n, strings.Count(out, "<thead>"))
	}
}

// The page is one file: nothing in it may make the browser fetch.
func TestHTMLRequestsNothing(t *testing.T) {
	out := renderHTML(t, auditReport(), auditOptions())
	for _, m := range regexp.MustCompile(`(?i)\s(href|src|srcset|action|poster|data)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(out, -1) {
		if m[1] != "href" || !strings.HasPrefix(m[2], "#") {
			t.Errorf("%s=%q: only in-page anchors are allowed", m[1], m[2])
		}
	}
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url("} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("%s in the page", bad)
		}
	}
	if !strings.Contains(out, `content="default-src 'none'; style-src 'unsafe-inline'"`) {
		t.Error("no Content-Security-Policy forbidding requests")
	}
}

func TestHTMLWithHistory(t *testing.T) {
	o := auditOptions()
	rs := auditReport().Results
	o.History = &History{
		Trend: &Trend{From: "2026-10-30", To: "2026-11-01", Days: []TrendDay{
			{Date: "2026-10-30", Open: map[results.Severity]int{results.Critical: 2, results.High: 40}},
			{Date: "2026-10-31", Open: map[results.Severity]int{results.Critical: 1, results.High: 38}},
			{Date: "2026-11-01", Open: map[results.Severity]int{results.Critical: 1, results.High: 37}},
		}, MTTR: []MTTR{{Severity: results.Critical, Resolved: 1, MeanDays: 2.5, MedianDays: 2.5}, {Severity: results.High, Resolved: 0}}},
		Changes: &Changes{Previous: "scan 41 (2026-10-31 12:00 UTC)", New: rs[:1], Resolved: rs[1:3]},
	}
	out := renderHTML(t, auditReport(), o)
	for _, want := range []string{
		"<polyline", "critical 1</text>", "high 37</text>", `stroke-dasharray="8 4"`,
		"Mean time to remediate", "<td>2.5</td>", "Compared with scan 41 (2026-10-31 12:00 UTC): <strong>1 new</strong> finding, <strong>2 resolved</strong>",
		`<th scope="row">2026-10-31</th><td>1</td><td>38</td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("%q not in the page", want)
		}
	}
	if strings.Contains(out, "No history") {
		t.Error("says no history although a store was given")
	}
	o.History = &History{}
	out = renderHTML(t, auditReport(), o)
	for _, want := range []string{"No previous scan of the same accounts", "the store holds no scans in the window"} {
		if !strings.Contains(out, want) {
			t.Errorf("empty store: %q not in the page", want)
		}
	}
}

// 500 accounts: the summary lists the worst and folds the rest, and every
// findings block starts closed.
func TestHTMLFoldsALargeOrganization(t *testing.T) {
	out := renderHTML(t, syntheticOrg(500), Options{})
	for _, want := range []string{"<summary>The other 490 accounts</summary>", "500 accounts"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q not in the page", want)
		}
	}
	if strings.Contains(out, `<details class="finding" open`) {
		t.Error("a findings block is open on screen")
	}
	one := renderHTML(t, syntheticOrg(1), Options{})
	for _, want := range []string{"1 account ·", "account-000 (500000000000)", "5. Findings"} {
		if !strings.Contains(one, want) {
			t.Errorf("one account: %q not in the page", want)
		}
	}
	if strings.Contains(one, "The other") {
		t.Error("one account: accounts folded")
	}
	for _, tc := range []struct {
		accounts int
		open     bool
	}{{4, true}, {500, false}} {
		var b bytes.Buffer
		if err := (&HTML{Print: true}).Write(&b, syntheticOrg(tc.accounts)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), `<details class="finding" open`); got != tc.open {
			t.Errorf("%d accounts printed: findings open %v, want %v", tc.accounts, got, tc.open)
		}
		if folded := strings.Contains(b.String(), "This printed copy lists one line per control"); folded == tc.open {
			t.Errorf("%d accounts printed: the folding note is %v", tc.accounts, folded)
		}
	}
}

func TestFirstStep(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"aws guardduty create-detector --enable;\naws guardduty update", "aws guardduty create-detector --enable"},
		{"Pin the subject, e.g. for GitHub Actions\n\"Condition\": {}", "Pin the subject, e.g. for GitHub Actions"},
		{"Sign in as root and enable MFA,\npreferably a hardware key. Check with:\naws iam x", "Sign in as root and enable MFA, preferably a hardware key. Check with"},
		{"", ""},
		{"Remove the public member from the policy, e.g.\n  gcloud projects remove-iam-policy-binding", "Remove the public member from the policy"},
	} {
		if got := firstStep(tc.in); got != tc.want {
			t.Errorf("firstStep(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainWhy(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Without a trail, nothing is on record (pb-16 §1.1).", "Without a trail, nothing is on record."},
		{`A role whose trust policy allows "*" (Principal "*", or NotPrincipal) can be assumed from any account unless a condition pins the caller: aws:PrincipalOrgID, aws:SourceArn.`,
			`A role whose trust policy allows "*" can be assumed from any account unless a condition pins the caller.`},
		{"Short: kept whole.", "Short: kept whole."},
		{strings.Repeat("word ", 80), strings.TrimSpace(strings.Repeat("word ", 48)) + "…"},
	} {
		if got := plain(tc.in); got != tc.want {
			t.Errorf("plain(%q) =\n%q, want\n%q", tc.in, got, tc.want)
		}
	}
}

func TestTrendLabelsDoNotOverlap(t *testing.T) {
	tr := &Trend{From: "a", To: "b", Days: []TrendDay{
		{Date: "a", Open: map[results.Severity]int{results.Critical: 5, results.High: 5, results.Medium: 5}},
		{Date: "b", Open: map[results.Severity]int{results.Critical: 5, results.High: 5, results.Medium: 5}},
	}}
	ys := regexp.MustCompile(`class="lbl">`).FindAllStringIndex(string(trendChart(tr)), -1)
	got := regexp.MustCompile(`y="([0-9.]+)" class="lbl"`).FindAllStringSubmatch(string(trendChart(tr)), -1)
	if len(ys) != 3 || len(got) != 3 {
		t.Fatalf("%d labels", len(got))
	}
	seen := map[string]bool{}
	for _, m := range got {
		if seen[m[1]] {
			t.Errorf("two labels at y=%s", m[1])
		}
		seen[m[1]] = true
	}
}

package reports

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// topRiskCount is how many risks the executive summary names.
const topRiskCount = 5

// accountsShown is how many accounts the summary table lists before the
// rest are folded away (worst first), so 500 accounts stay readable.
const accountsShown = 15

// ciso is the content of the audit report, computed once from a
// results.Report for the HTML and PDF formats: every section in the order
// the report shows it.
type ciso struct {
	Report  *results.Report
	Version string

	Overall   *posture
	Providers []*posture
	// Accounts are sorted worst score first.
	Accounts []*posture
	Risks    []risk
	Changes  *Changes
	// HasHistory says whether a store was given at all.
	HasHistory bool

	Escalations []escalationGroup
	Routine     []routine

	Frameworks []*frameworkView
	Techniques []*techniqueView

	Trend *Trend

	Findings   []*controlGroup
	Waived     []waivedRow
	Collection []*collectionFailure

	Provenance Provenance
	// names are the scopes' names, by provider and account.
	names map[scopeKey]string
	// Print is set for the PDF: paper cannot unfold a block.
	Print bool
}

// printRowsOpen is how many finding rows a printed report unfolds; past
// it (hundreds of accounts) the PDF keeps one line per control and says
// where the rows are, instead of printing thousands of pages.
const printRowsOpen = 1500

// FindingRows counts the rows of the findings section.
func (c *ciso) FindingRows() int {
	n := 0
	for _, g := range c.Findings {
		n += len(g.Rows)
	}
	return n
}

// OpenFindings says whether the findings blocks are printed open.
func (c *ciso) OpenFindings() bool { return c.Print && c.FindingRows() <= printRowsOpen }

// FoldedInPrint says the printed report left the findings folded.
func (c *ciso) FoldedInPrint() bool { return c.Print && !c.OpenFindings() }

// buildCISO computes the report's content. It reads only the report and
// the options: no clock, no environment, so the same inputs give the same
// document.
func buildCISO(r *results.Report, o Options) *ciso {
	names := map[scopeKey]string{}
	for _, sc := range r.Snapshot.Scopes {
		names[scopeKey{sc.Provider, sc.Account}] = sc.Name
	}
	c := &ciso{Report: r, Version: o.Version, names: names}
	c.Overall, c.Providers, c.Accounts = postures(r, names)
	c.Findings = groupFindings(r, o.Rules, names)
	c.Risks = topRisks(c.Findings, topRiskCount)
	c.Escalations, c.Routine = escalations(c.Findings)
	refs, fws, mitre := controlRefs(r, o.Rules)
	c.Frameworks = compliance(refs, fws)
	c.Techniques = techniques(refs, mitre)
	c.Waived = waivedRows(r, names)
	if o.Provenance != nil {
		c.Provenance = *o.Provenance
	}
	c.Collection = collectionFailures(r, c.Provenance.CollectionErrors)
	if o.History != nil {
		c.HasHistory = true
		c.Trend, c.Changes = o.History.Trend, o.History.Changes
	}
	return c
}

// ProviderNames lists the providers of the report, for the title.
func (c *ciso) ProviderNames() string {
	var ns []string
	for _, p := range c.Providers {
		ns = append(ns, providerName(p.Provider))
	}
	if len(ns) == 0 {
		return "no provider"
	}
	return strings.Join(ns, ", ")
}

// AccountsTop are the accounts the summary lists openly; AccountsRest the
// ones folded.
func (c *ciso) AccountsTop() []*posture {
	if len(c.Accounts) <= accountsShown {
		return c.Accounts
	}
	return c.Accounts[:10]
}

// AccountsRest are the accounts folded under "all accounts".
func (c *ciso) AccountsRest() []*posture {
	if len(c.Accounts) <= accountsShown {
		return nil
	}
	return c.Accounts[10:]
}

// FailCount counts FAIL results; ErrorCount ERROR ones.
func (c *ciso) FailCount() int  { return c.Report.Summary.ByStatus[results.Fail] }
func (c *ciso) ErrorCount() int { return c.Report.Summary.ByStatus[results.Error] }

// Escalated counts the findings routed by pb-16 §6.
func (c *ciso) Escalated() int {
	n := 0
	for _, g := range c.Escalations {
		n += g.Findings
	}
	return n
}

// FailingTechniques counts techniques with a failing control.
func (c *ciso) FailingTechniques() int {
	n := 0
	for _, t := range c.Techniques {
		if t.Fails > 0 {
			n++
		}
	}
	return n
}

// Scopes are the report's scopes sorted by provider and account.
func (c *ciso) Scopes() []snapshot.Scope {
	s := append([]snapshot.Scope(nil), c.Report.Snapshot.Scopes...)
	sort.Slice(s, func(i, j int) bool {
		if s[i].Provider != s[j].Provider {
			return s[i].Provider < s[j].Provider
		}
		return s[i].Account < s[j].Account
	})
	return s
}

// CommandLine is the command as a shell would take it back.
func (c *ciso) CommandLine() string {
	var parts []string
	for _, a := range c.Provenance.CommandLine {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,@+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// providerName is how a provider key is written for people: short keys
// are acronyms (aws → AWS), longer ones names (azure → Azure).
func providerName(p string) string { return frameworkName(p) }

func itoa(n int) string { return strconv.Itoa(n) }

func utc(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// sfx is the plural "s" of a count.
func sfx(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

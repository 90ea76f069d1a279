package reports

import (
	"sort"

	"github.com/rampart-sec/rampart/results"
)

// scoreWeights weigh a check in the posture score by its severity: one
// critical check counts as much as eight low ones.
var scoreWeights = map[results.Severity]int{
	results.Critical: 8, results.High: 4, results.Medium: 2, results.Low: 1, results.Info: 1,
}

// scopeKey identifies an account (subscription, project) across
// providers: the same ID may exist in two clouds.
type scopeKey struct{ Provider, Account string }

// posture is the counts behind a score, for one account, one provider or
// the whole report.
type posture struct {
	Provider string
	Account  string
	Name     string
	// Fail counts FAIL results by severity.
	Fail   map[results.Severity]int
	Errors int
	Waived int
	Pass   int
	// passW and decidedW are the weighted sums the score divides.
	passW, totalW int
	// Accounts counts the accounts of a provider posture.
	Accounts int
}

func newPosture() *posture { return &posture{Fail: map[results.Severity]int{}} }

func (p *posture) add(r *results.Result) {
	w := scoreWeights[r.Severity]
	switch r.Status {
	case results.Fail:
		p.Fail[r.Severity]++
		p.totalW += w
	case results.Error:
		// Undecided is not passed: a control that could not look must not
		// raise the score.
		p.Errors++
		p.totalW += w
	case results.Pass:
		p.Pass++
		p.passW += w
		p.totalW += w
	case results.Waived:
		p.Waived++
	}
}

// HasScore says whether any check was decided or undecided (WAIVED alone
// gives no score).
func (p *posture) HasScore() bool { return p.totalW > 0 }

// Score is the severity-weighted share of checks passed, 0–100, rounded
// down so that 99.6 with one critical FAIL never shows as 100.
func (p *posture) Score() int {
	if p.totalW == 0 {
		return 0
	}
	return p.passW * 100 / p.totalW
}

// Fails is the number of FAIL results of every severity.
func (p *posture) Fails() int {
	n := 0
	for _, c := range p.Fail {
		n += c
	}
	return n
}

// Label names an account for a person: its name and ID.
func (p *posture) Label() string { return accountLabel(p.Name, p.Account) }

func accountLabel(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return name + " (" + id + ")"
}

// postures computes the posture of the report, per provider and per
// account. Accounts are sorted worst score first; every scope of the
// snapshot appears, also one without results.
func postures(r *results.Report, names map[scopeKey]string) (overall *posture, providers []*posture, accounts []*posture) {
	overall = newPosture()
	byProvider := map[string]*posture{}
	byAccount := map[scopeKey]*posture{}
	account := func(k scopeKey) *posture {
		a := byAccount[k]
		if a == nil {
			a = newPosture()
			a.Provider, a.Account, a.Name = k.Provider, k.Account, names[k]
			byAccount[k] = a
			p := byProvider[k.Provider]
			if p == nil {
				p = newPosture()
				p.Provider = k.Provider
				byProvider[k.Provider] = p
			}
			p.Accounts++
		}
		return a
	}
	for _, sc := range r.Snapshot.Scopes {
		account(scopeKey{sc.Provider, sc.Account})
	}
	for i := range r.Results {
		res := &r.Results[i]
		overall.add(res)
		account(scopeKey{res.Provider, res.Account}).add(res)
		byProvider[res.Provider].add(res)
	}
	for _, p := range byProvider {
		providers = append(providers, p)
	}
	sort.Slice(providers, func(i, j int) bool { return providers[i].Provider < providers[j].Provider })
	for _, a := range byAccount {
		accounts = append(accounts, a)
	}
	sort.Slice(accounts, func(i, j int) bool {
		a, b := accounts[i], accounts[j]
		if a.HasScore() != b.HasScore() {
			return a.HasScore()
		}
		if a.Score() != b.Score() {
			return a.Score() < b.Score()
		}
		if a.Provider != b.Provider {
			return a.Provider < b.Provider
		}
		return a.Account < b.Account
	})
	overall.Accounts = len(accounts)
	return overall, providers, accounts
}

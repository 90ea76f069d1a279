package reports

import (
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// Requirement states, worst first; a requirement takes the worst state
// of its controls.
const (
	reqFailing     = "failing"
	reqUndecided   = "undecided"
	reqWaived      = "waived"
	reqMet         = "met"
	reqNotAssessed = "not assessed"
)

// frameworkView is one framework's compliance, by section.
type frameworkView struct {
	ID, Name string
	Sections []*sectionView
	tally
	checks
}

// sectionView is one section of a framework (the first number of its
// requirement IDs: CIS "1" is identity and access management).
type sectionView struct {
	ID, Title    string
	Requirements []*requirementView
	// Failing are the section's controls with a FAIL, with the
	// requirements each one judges.
	FailingControls []failingControl
	tally
	checks
}

// failingControl is a control failing a section, and its requirements
// there.
type failingControl struct {
	controlRef
	Requirements []string
}

// checks counts the results of a set of controls: the pass % of a
// section is the share of its checks (control × resource) that pass, so
// one account failing a requirement does not hide 499 that meet it.
type checks struct{ Passed, Decided int }

// CheckPct is the share of checks passed, 0–100, rounded down; an ERROR
// counts as not passed.
func (c checks) CheckPct() int {
	if c.Decided == 0 {
		return 0
	}
	return c.Passed * 100 / c.Decided
}

func (c *checks) addControl(ref controlRef) {
	c.Passed += ref.Counts[results.Pass]
	c.Decided += ref.Counts[results.Pass] + ref.Counts[results.Fail] + ref.Counts[results.Error]
}

// tally counts requirements by state.
type tally struct {
	Met, Failing, Undecided, Waived, NotAssessed int
}

// Assessed counts the requirements with a decision or an ERROR.
func (t tally) Assessed() int { return t.Met + t.Failing + t.Undecided + t.Waived }

// Pct is the share of assessed requirements met, 0–100, rounded down.
func (t tally) Pct() int {
	if t.Assessed() == 0 {
		return 0
	}
	return t.Met * 100 / t.Assessed()
}

func (t *tally) add(state string) {
	switch state {
	case reqMet:
		t.Met++
	case reqFailing:
		t.Failing++
	case reqUndecided:
		t.Undecided++
	case reqWaived:
		t.Waived++
	default:
		t.NotAssessed++
	}
}

// requirementView is one requirement and the controls that judge it.
type requirementView struct {
	ID       string
	State    string
	Controls []controlRef
}

// controlRef is a control with its counts in this report.
type controlRef struct {
	ID, Title string
	Severity  results.Severity
	Counts    map[results.Status]int
}

// State is the control's worst outcome.
func (c controlRef) State() string {
	switch {
	case c.Counts[results.Fail] > 0:
		return reqFailing
	case c.Counts[results.Error] > 0:
		return reqUndecided
	case c.Counts[results.Waived] > 0:
		return reqWaived
	case c.Counts[results.Pass] > 0:
		return reqMet
	}
	return reqNotAssessed
}

var stateRank = map[string]int{reqFailing: 0, reqUndecided: 1, reqWaived: 2, reqMet: 3, reqNotAssessed: 4}

// sectionTitles name the sections of the benchmarks rampart maps to, where
// the benchmark's own table of contents is known; other sections are
// shown by number.
var sectionTitles = map[string]map[string]string{
	"cis-aws-foundations": {"1": "Identity and Access Management", "2": "Storage", "3": "Logging", "4": "Monitoring", "5": "Networking"},
	"cis-gcp-foundations": {"1": "Identity and Access Management", "2": "Logging and Monitoring", "3": "Networking",
		"4": "Virtual Machines", "5": "Storage", "6": "Cloud SQL Database Services", "7": "BigQuery"},
}

// controlRefs collects each control's counts and metadata from the
// results and, for controls without results, from the rules.
func controlRefs(r *results.Report, rules map[string]results.Control) (map[string]*controlRef, map[string]map[string][]string, map[string][]string) {
	refs := map[string]*controlRef{}
	frameworks := map[string]map[string][]string{}
	mitre := map[string][]string{}
	for id, rule := range rules {
		refs[id] = &controlRef{ID: id, Title: rule.Title, Severity: rule.Severity, Counts: map[results.Status]int{}}
		frameworks[id], mitre[id] = rule.Frameworks, rule.MITRE
	}
	for i := range r.Results {
		res := &r.Results[i]
		c := refs[res.Control]
		if c == nil {
			c = &controlRef{ID: res.Control, Title: res.Title, Severity: res.Severity, Counts: map[results.Status]int{}}
			refs[res.Control] = c
		}
		if c.Title == "" {
			c.Title = res.Title
		}
		c.Counts[res.Status]++
		if frameworks[res.Control] == nil {
			frameworks[res.Control] = res.Frameworks
		}
		if mitre[res.Control] == nil {
			mitre[res.Control] = res.MITRE
		}
	}
	return refs, frameworks, mitre
}

// compliance computes every framework that at least one result of the
// report maps to (a framework of a cloud not in the report is left out).
func compliance(refs map[string]*controlRef, frameworks map[string]map[string][]string) []*frameworkView {
	// framework -> requirement -> controls
	reqs := map[string]map[string][]string{}
	evaluated := map[string]bool{}
	for control, fw := range frameworks {
		for name, ids := range fw {
			if reqs[name] == nil {
				reqs[name] = map[string][]string{}
			}
			for _, id := range ids {
				reqs[name][id] = append(reqs[name][id], control)
			}
			if refs[control] != nil && refs[control].State() != reqNotAssessed {
				evaluated[name] = true
			}
		}
	}
	var out []*frameworkView
	for name, rq := range reqs {
		if !evaluated[name] {
			continue
		}
		fv := &frameworkView{ID: name, Name: frameworkName(name)}
		sections := map[string]*sectionView{}
		for id, controls := range rq {
			sort.Strings(controls)
			req := &requirementView{ID: id, State: reqNotAssessed}
			for _, c := range controls {
				ref := *refs[c]
				req.Controls = append(req.Controls, ref)
				if stateRank[ref.State()] < stateRank[req.State] {
					req.State = ref.State()
				}
			}
			sid, _, _ := strings.Cut(id, ".")
			s := sections[sid]
			if s == nil {
				s = &sectionView{ID: sid, Title: sectionTitle(name, sid)}
				sections[sid] = s
				fv.Sections = append(fv.Sections, s)
			}
			s.Requirements = append(s.Requirements, req)
			s.add(req.State)
			fv.add(req.State)
		}
		sort.Slice(fv.Sections, func(i, j int) bool { return lessDotted(fv.Sections[i].ID, fv.Sections[j].ID) })
		inFramework := map[string]bool{}
		for _, s := range fv.Sections {
			sort.Slice(s.Requirements, func(i, j int) bool { return lessDotted(s.Requirements[i].ID, s.Requirements[j].ID) })
			s.FailingControls = failingIn(s)
			inSection := map[string]bool{}
			for _, req := range s.Requirements {
				for _, c := range req.Controls {
					if !inSection[c.ID] {
						inSection[c.ID] = true
						s.addControl(c)
					}
					if !inFramework[c.ID] {
						inFramework[c.ID] = true
						fv.addControl(c)
					}
				}
			}
		}
		out = append(out, fv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// failingIn lists a section's failing controls once each, with the
// requirements they judge, in requirement order.
func failingIn(s *sectionView) []failingControl {
	var out []failingControl
	index := map[string]int{}
	for _, req := range s.Requirements {
		for _, c := range req.Controls {
			if c.State() != reqFailing {
				continue
			}
			i, ok := index[c.ID]
			if !ok {
				i = len(out)
				index[c.ID] = i
				out = append(out, failingControl{controlRef: c})
			}
			out[i].Requirements = append(out[i].Requirements, req.ID)
		}
	}
	return out
}

func sectionTitle(framework, section string) string {
	for prefix, titles := range sectionTitles {
		if strings.HasPrefix(framework, prefix+"-") {
			if t := titles[section]; t != "" {
				return t
			}
		}
	}
	return "Section " + section
}

// frameworkName turns a framework key into its usual name:
// cis-aws-foundations-3.0 → CIS AWS Foundations 3.0.
func frameworkName(id string) string {
	parts := strings.Split(id, "-")
	for i, p := range parts {
		switch {
		case p == "":
		case p[0] >= '0' && p[0] <= '9':
		case len(p) <= 3:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, " ")
}

// lessDotted orders "1.2" before "1.10" and "2".
func lessDotted(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if as[i] != bs[i] {
				return as[i] < bs[i]
			}
			continue
		}
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

// techniqueView is one MITRE ATT&CK technique and the evaluated controls
// that guard against it.
type techniqueView struct {
	ID, Name string
	Failing  []controlRef
	Passing  []controlRef
	Fails    int
}

// attackNames are the ATT&CK (Enterprise) names of the techniques the
// built-in controls cite; others are shown by ID.
var attackNames = map[string]string{
	"T1078.004": "Valid Accounts: Cloud Accounts",
	"T1098":     "Account Manipulation",
	"T1098.001": "Account Manipulation: Additional Cloud Credentials",
	"T1098.003": "Account Manipulation: Additional Cloud Roles",
	"T1110":     "Brute Force",
	"T1199":     "Trusted Relationship",
	"T1496":     "Resource Hijacking",
	"T1530":     "Data from Cloud Storage",
	"T1550.001": "Use Alternate Authentication Material: Application Access Token",
	"T1552":     "Unsecured Credentials",
	"T1552.005": "Unsecured Credentials: Cloud Instance Metadata API",
	"T1556":     "Modify Authentication Process",
	"T1562.001": "Impair Defenses: Disable or Modify Tools",
	"T1562.007": "Impair Defenses: Disable or Modify Cloud Firewall",
	"T1562.008": "Impair Defenses: Disable or Modify Cloud Logs",
	"T1580":     "Cloud Infrastructure Discovery",
}

// techniques lists the techniques of the controls evaluated in this
// report, those with failing controls first (most FAIL results first).
func techniques(refs map[string]*controlRef, mitre map[string][]string) []*techniqueView {
	byID := map[string]*techniqueView{}
	for control, ts := range mitre {
		ref := refs[control]
		if ref == nil || ref.State() == reqNotAssessed {
			continue
		}
		for _, t := range ts {
			tv := byID[t]
			if tv == nil {
				tv = &techniqueView{ID: t, Name: attackNames[t]}
				byID[t] = tv
			}
			if n := ref.Counts[results.Fail]; n > 0 {
				tv.Failing = append(tv.Failing, *ref)
				tv.Fails += n
			} else {
				tv.Passing = append(tv.Passing, *ref)
			}
		}
	}
	out := make([]*techniqueView, 0, len(byID))
	for _, tv := range byID {
		sort.Slice(tv.Failing, func(i, j int) bool { return tv.Failing[i].ID < tv.Failing[j].ID })
		sort.Slice(tv.Passing, func(i, j int) bool { return tv.Passing[i].ID < tv.Passing[j].ID })
		out = append(out, tv)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Fails != out[j].Fails {
			return out[i].Fails > out[j].Fails
		}
		return out[i].ID < out[j].ID
	})
	return out
}

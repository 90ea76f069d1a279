package results

// Control is what is known of a control apart from its results: the
// metadata its policy declares. It is the one shape the engine, the
// summary and the reports that list rules (SARIF) share; each result
// carries a copy of the fields a reader of a single result needs.
type Control struct {
	// ID is unique and stable: --control, waivers and baselines name it.
	ID          string
	Title       string
	Description string
	Severity    Severity
	// Provider is "aws", "azure" or "gcp".
	Provider    string
	Frameworks  map[string][]string
	MITRE       []string
	Remediation string
	// Escalation is who must hear of a FAIL.
	Escalation string
}

// NewResult is a result of control c with the control's metadata filled
// in; the caller adds what was decided (status, message, evidence) and on
// what (resource, account, region) and then the ID.
func NewResult(c Control) Result {
	return Result{
		Control:     c.ID,
		Title:       c.Title,
		Severity:    c.Severity,
		Provider:    c.Provider,
		Remediation: c.Remediation,
		Frameworks:  c.Frameworks,
		MITRE:       c.MITRE,
		Escalation:  c.Escalation,
	}
}

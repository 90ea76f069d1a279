package reports

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("ocsf", func(o Options) Reporter { return &OCSF{Options: o} })
}

// OCSF writes every result as an OCSF 1.3.0 Compliance Finding event
// (class_uid 2003), one JSON object per line, the form Security Lake,
// Security Hub and SIEMs ingest. PASS results are written too: a data
// lake needs the passes to compute posture over time.
//
// Status mapping (rampart → OCSF):
//
//	FAIL   → compliance.status_id 3 Fail,    status_id 1 New
//	ERROR  → compliance.status_id 2 Warning, status_id 1 New
//	         ("did not yield a result due to missing information")
//	WAIVED → the waived FAIL or ERROR status, status_id 3 Suppressed
//	PASS   → compliance.status_id 1 Pass,    status_id 4 Resolved
type OCSF struct {
	Options Options
}

// The OCSF constants this writer uses.
const (
	ocsfVersion       = "1.3.0"
	ocsfClassUID      = 2003
	ocsfCategoryUID   = 2
	ocsfActivityID    = 1 // Create: each scan reports its findings afresh
	ocsfAnalyticRule  = 1 // analytic.type_id Rule
	ocsfStandardOwner = "rampart"
)

var ocsfSeverity = map[results.Severity]struct {
	id      int
	caption string
}{
	results.Info: {1, "Informational"}, results.Low: {2, "Low"}, results.Medium: {3, "Medium"},
	results.High: {4, "High"}, results.Critical: {5, "Critical"},
}

var complianceStatus = map[results.Status]struct {
	id      int
	caption string
}{
	results.Pass: {1, "Pass"}, results.Error: {2, "Warning"}, results.Fail: {3, "Fail"},
}

var findingStatus = map[results.Status]struct {
	id      int
	caption string
}{
	results.Fail: {1, "New"}, results.Error: {1, "New"}, results.Waived: {3, "Suppressed"}, results.Pass: {4, "Resolved"},
}

// Write implements Reporter.
func (o *OCSF) Write(w io.Writer, r *results.Report) error {
	names := map[scopeKey]string{}
	for _, sc := range r.Snapshot.Scopes {
		names[scopeKey{sc.Provider, sc.Account}] = sc.Name
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range r.Results {
		if err := enc.Encode(o.event(r, &r.Results[i], names)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// event maps one result. Maps are used (not structs) so the keys are
// exactly the OCSF attribute names and absent attributes are absent.
func (o *OCSF) event(r *results.Report, res *results.Result, names map[scopeKey]string) map[string]any {
	sev := ocsfSeverity[res.Severity]
	judged := res.Status
	waiver, _ := res.Evidence["waiver"].(map[string]any)
	if res.Status == results.Waived {
		judged = results.Fail
		if w := results.Status(str(waiver["waived_status"])); w == results.Error {
			judged = results.Error
		}
	}
	cs, fs := complianceStatus[judged], findingStatus[res.Status]

	var standards, requirements []string
	for fw, reqs := range res.Frameworks {
		standards = append(standards, fw)
		for _, req := range reqs {
			requirements = append(requirements, fw+":"+req)
		}
	}
	if len(standards) == 0 {
		// standards is required: a control mapped to no benchmark is
		// still a requirement of rampart's own catalogue.
		standards = []string{ocsfStandardOwner}
	}
	sort.Strings(standards)
	sort.Strings(requirements)
	compliance := map[string]any{
		"control": res.Control, "standards": standards,
		"status_id": cs.id, "status": cs.caption,
	}
	if len(requirements) > 0 {
		compliance["requirements"] = requirements
	}
	if res.Status == results.Error || judged == results.Error {
		compliance["status_detail"] = res.Message
	}

	info := map[string]any{
		"uid": res.ID, "title": res.Title, "types": []string{res.Control},
		"analytic": map[string]any{"uid": res.Control, "name": res.Title, "type_id": ocsfAnalyticRule, "type": "Rule"},
	}
	if rule, ok := o.Options.Rules[res.Control]; ok && rule.Description != "" {
		info["desc"] = rule.Description
	}
	if len(res.MITRE) > 0 {
		var attacks []map[string]any
		for _, t := range res.MITRE {
			tech := map[string]any{"uid": t}
			if n := attackNames[t]; n != "" {
				tech["name"] = n
			}
			attacks = append(attacks, map[string]any{"technique": tech})
		}
		info["attacks"] = attacks
	}

	resource := map[string]any{"uid": res.Resource, "type": res.ResourceType}
	if res.Region != "" {
		resource["region"] = res.Region
	}
	account := map[string]any{"uid": res.Account}
	if n := names[scopeKey{res.Provider, res.Account}]; n != "" {
		account["name"] = n
	}
	cloud := map[string]any{"provider": providerName(res.Provider), "account": account}
	if res.Region != "" {
		cloud["region"] = res.Region
	}

	product := map[string]any{"name": "rampart", "vendor_name": "rampart"}
	if o.Options.Version != "" {
		product["version"] = o.Options.Version
	}
	unmapped := map[string]any{
		"rampart_status": string(res.Status), "provider": res.Provider, "account": res.Account,
		"snapshot_digest": r.Snapshot.Digest, "collected_at": r.Snapshot.CollectedAt.UTC().Format("2006-01-02T15:04:05Z"),
	}
	if res.Region != "" {
		unmapped["region"] = res.Region
	}
	if res.Escalation != "" {
		unmapped["escalation"] = res.Escalation
	}
	if len(res.Evidence) > 0 {
		unmapped["evidence"] = res.Evidence
	}
	if waiver != nil {
		unmapped["waiver"] = waiver
	}

	ev := map[string]any{
		"activity_id": ocsfActivityID, "activity_name": "Create",
		"category_uid": ocsfCategoryUID, "category_name": "Findings",
		"class_uid": ocsfClassUID, "class_name": "Compliance Finding",
		"type_uid": ocsfClassUID*100 + ocsfActivityID, "type_name": "Compliance Finding: Create",
		"time":        r.Snapshot.EvaluatedAt.UnixMilli(),
		"severity_id": sev.id, "severity": sev.caption,
		"status_id": fs.id, "status": fs.caption,
		"message":      res.Message,
		"metadata":     map[string]any{"version": ocsfVersion, "product": product, "profiles": []string{"cloud"}},
		"finding_info": info,
		"compliance":   compliance,
		"resources":    []any{resource},
		"cloud":        cloud,
		"unmapped":     unmapped,
	}
	if res.Remediation != "" {
		ev["remediation"] = map[string]any{"desc": res.Remediation}
	}
	return ev
}

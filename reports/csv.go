package reports

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("csv", func(o Options) Reporter { return CSV{} })
}

// CSVColumns is the header of the CSV format, in its stable order: new
// columns are only ever added at the end, so spreadsheets and scripts
// that address columns by position keep working.
//
//	id                 the stable result ID (same control and resource → same ID in every scan)
//	status             FAIL, ERROR, WAIVED or PASS
//	severity           critical, high, medium, low, info
//	control, title     the control's ID and title
//	provider, account  aws/azure/gcp and the account, subscription or project ID
//	account_name       the scope's name, when known
//	region             empty for results that are not regional
//	resource           the provider's ID of the resource (ARN, resource ID, project path)
//	resource_type
//	message            the one-line verdict
//	remediation        the control's remediation, line breaks kept
//	frameworks         framework:requirement pairs, separated by "; "
//	mitre              ATT&CK technique IDs, separated by "; "
//	escalation         the pb-16 §6 route
//	waiver_reason, waiver_approved_by, waiver_expires   for WAIVED results
//	evidence           the evidence as compact JSON
//	snapshot_digest, evaluated_at                       the same on every row: what the row was computed from
var CSVColumns = []string{
	"id", "status", "severity", "control", "title", "provider", "account", "account_name", "region",
	"resource", "resource_type", "message", "remediation", "frameworks", "mitre", "escalation",
	"waiver_reason", "waiver_approved_by", "waiver_expires", "evidence", "snapshot_digest", "evaluated_at",
}

// CSV writes one row per result for spreadsheets: RFC 4180 (CRLF line
// ends, quotes where needed), and safe to open: a cell a spreadsheet
// would run as a formula is prefixed with a single quote.
type CSV struct{}

// Write implements Reporter.
func (CSV) Write(w io.Writer, r *results.Report) error {
	names := map[scopeKey]string{}
	for _, sc := range r.Snapshot.Scopes {
		names[scopeKey{sc.Provider, sc.Account}] = sc.Name
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	evaluated := r.Snapshot.EvaluatedAt.UTC().Format("2006-01-02T15:04:05Z")
	for i := range r.Results {
		res := &r.Results[i]
		var fw []string
		for name, reqs := range res.Frameworks {
			for _, req := range reqs {
				fw = append(fw, name+":"+req)
			}
		}
		sort.Strings(fw)
		waiver, _ := res.Evidence["waiver"].(map[string]any)
		evidence := ""
		if len(res.Evidence) > 0 {
			b, err := json.Marshal(res.Evidence)
			if err != nil {
				return err
			}
			evidence = string(b)
		}
		row := []string{
			res.ID, string(res.Status), res.Severity.String(), res.Control, res.Title, res.Provider, res.Account,
			names[scopeKey{res.Provider, res.Account}], res.Region, res.Resource, res.ResourceType, res.Message,
			strings.TrimSpace(res.Remediation), strings.Join(fw, "; "), strings.Join(res.MITRE, "; "), res.Escalation,
			str(waiver["reason"]), str(waiver["approved_by"]), str(waiver["expires"]), evidence, r.Snapshot.Digest, evaluated,
		}
		for j := range row {
			row[j] = defuse(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): a cell starting with = + - @, a tab or a carriage return is
// prefixed with a single quote, which spreadsheets show as text. Resource
// names and messages come from the cloud, so an attacker can choose them.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

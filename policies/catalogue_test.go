package policies

import (
	"bufio"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// catalogueFile is the control catalogue of the product design, beside the
// repository (shared/ is checked out next to it in CI), or where
// RAMPART_CATALOGUE says: a git worktree elsewhere has no shared/ beside it.
func catalogueFile() string {
	if f := os.Getenv("RAMPART_CATALOGUE"); f != "" {
		return f
	}
	return "../../shared/CONTROLS.md"
}

// catalogueRow is one control of CONTROLS.md.
type catalogueRow struct {
	id, severity, iac string
}

func readCatalogue(t *testing.T) map[string]catalogueRow {
	t.Helper()
	f, err := os.Open(catalogueFile())
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the control catalogue is needed in CI: %v", err)
		}
		t.Skipf("SKIPPED: control catalogue not found (%v); set RAMPART_CATALOGUE to its path", err)
	}
	defer f.Close()
	rows := map[string]catalogueRow{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 6 {
			continue
		}
		id := strings.TrimSpace(cells[1])
		if !strings.HasPrefix(id, "aws-") && !strings.HasPrefix(id, "azure-") && !strings.HasPrefix(id, "gcp-") {
			continue
		}
		iac := strings.TrimSpace(cells[len(cells)-2])
		rows[id] = catalogueRow{id: id, severity: strings.TrimSpace(cells[2]), iac: iac[:1]}
	}
	if len(rows) < 30 {
		t.Fatalf("read only %d controls from %s: has its table format changed?", len(rows), catalogueFile())
	}
	return rows
}

// Every built-in policy carries complete metadata, under an id of the
// catalogue, with the catalogue's severity and IaC decidability.
func TestBuiltinMetadataIsComplete(t *testing.T) {
	catalogue := readCatalogue(t)
	for _, c := range builtinEngine(t).Controls() {
		row, ok := catalogue[c.ID]
		switch {
		case !ok:
			t.Errorf("%s (%s): id not in CONTROLS.md", c.ID, c.File)
			continue
		case c.Severity.String() != row.severity:
			t.Errorf("%s: severity %s, the catalogue says %s", c.ID, c.Severity, row.severity)
		case c.IaC != row.iac:
			t.Errorf("%s: iac %s, the catalogue says %s", c.ID, c.IaC, row.iac)
		case strings.TrimSpace(c.Description) == "":
			t.Errorf("%s: no description", c.ID)
		case len(c.Frameworks) == 0 && len(c.MITRE) == 0:
			t.Errorf("%s: no framework or MITRE reference", c.ID)
		case len(c.MITRE) == 0:
			t.Errorf("%s: no MITRE ATT&CK technique", c.ID)
		case strings.TrimSpace(c.Remediation) == "":
			t.Errorf("%s: no remediation", c.ID)
		case c.Escalation == "":
			t.Errorf("%s: no escalation target", c.ID)
		case len(c.Requires) == 0:
			t.Errorf("%s: requires nothing, so no collection error could ever make it ERROR", c.ID)
		case !strings.HasPrefix(c.File, "builtin/"+c.Provider+"/"):
			t.Errorf("%s: a %s control in %s, not in policies/%s/", c.ID, c.Provider, c.File, c.Provider)
		}
	}
}

// Every control of the catalogue has a built-in policy, for each provider
// whose folder under policies/ holds at least one control. A provider
// folder that holds none yet (policies/azure and policies/gcp start with a
// README only) is not checked, so the catalogue can list a cloud's rows
// before its policies land; from its first control on, every row of that
// cloud must have its policy.
func TestEveryCatalogueControlHasAPolicy(t *testing.T) {
	catalogue := readCatalogue(t)
	have := map[string]bool{}
	started := map[string]bool{}
	for _, c := range builtinEngine(t).Controls() {
		have[c.ID] = true
		folder, _, _ := strings.Cut(strings.TrimPrefix(c.File, "builtin/"), "/")
		started[folder] = true
	}
	if !started["aws"] {
		t.Fatal("no AWS control loaded: the check below would check nothing")
	}
	for _, id := range slices.Sorted(maps.Keys(catalogue)) {
		provider, _, _ := strings.Cut(id, "-")
		if started[provider] && !have[id] {
			t.Errorf("%s: no policy", id)
		}
	}
}

package reports

import (
	"fmt"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// syntheticOrg is an organization of n accounts with the shape of the
// bundled example (about 160 results an account, one in nine failing):
// identity controls over ten principals, regional controls over four
// regions, and account-wide controls, failing on a fixed pattern so the
// output is the same on every run.
func syntheticOrg(n int) *results.Report {
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	regions := []string{"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"}
	sevs := []results.Severity{results.Critical, results.High, results.High, results.Medium, results.Medium, results.Medium, results.Low}
	type control struct {
		id, title, kind string
		sev             results.Severity
	}
	var controls []control
	for i := 0; i < 28; i++ {
		kind := "principal"
		switch {
		case i%4 == 1:
			kind = "region"
		case i%4 == 2:
			kind = "account"
		}
		controls = append(controls, control{fmt.Sprintf("synth-control-%02d", i), fmt.Sprintf("Synthetic control %d holds", i), kind, sevs[i%len(sevs)]})
	}
	var rs []results.Result
	var infos []results.Control
	var scopes []snapshot.Scope
	for _, c := range controls {
		infos = append(infos, results.Control{ID: c.id, Title: c.title, Severity: c.sev})
	}
	k := 0
	for a := 0; a < n; a++ {
		acct := fmt.Sprintf("5%011d", a)
		root := "arn:aws:iam::" + acct + ":root"
		scopes = append(scopes, snapshot.Scope{Provider: "aws", Account: acct, Name: fmt.Sprintf("account-%03d", a), Resource: root, Regions: regions})
		for ci, c := range controls {
			var places [][2]string
			switch c.kind {
			case "principal":
				for p := 0; p < 10; p++ {
					places = append(places, [2]string{"", fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, p)})
				}
			case "region":
				for _, r := range regions {
					places = append(places, [2]string{r, root})
				}
			default:
				places = append(places, [2]string{"", root})
			}
			for _, p := range places {
				k++
				st, msg := results.Pass, "meets the control"
				if (k*7+ci+a)%9 == 0 {
					st, msg = results.Fail, "does not meet the control"
				}
				r := results.Result{Control: c.id, Title: c.title, Severity: c.sev, Status: st, Provider: "aws", Account: acct,
					Region: p[0], Resource: p[1], ResourceType: "AWS::IAM::Role", Message: msg,
					Evidence:    map[string]any{"observed": k % 5, "expected": 0},
					Remediation: "Fix the resource:\naws iam do-something --resource " + p[1],
					Frameworks:  map[string][]string{"cis-aws-foundations-3.0": {fmt.Sprintf("%d.%d", ci%5+1, ci)}},
					MITRE:       []string{"T1078.004"}, Escalation: []string{"CISO + Cloud team", "CISO + SOC Lead", "Cloud team"}[ci%3]}
				r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
				rs = append(rs, r)
			}
		}
	}
	results.Sort(rs)
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{Digest: "sha256:" + fmt.Sprintf("%064d", n), CollectedAt: at, EvaluatedAt: at,
			Source: snapshot.SourceAPI, Scopes: scopes},
		Summary: results.Summarize(infos, rs),
		Results: rs,
	}
}

package aws

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"sort"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// Evidence is what an auditor receives from a client instead of access:
// the output of `aws iam get-account-authorization-details` and the IAM
// credential report.
type Evidence struct {
	// GAAD is the JSON the AWS CLI prints for
	// get-account-authorization-details (pages concatenated or merged into
	// one document).
	GAAD []byte
	// GAADFile names it in error messages.
	GAADFile string
	// CredentialReport is the report as CSV, as base64, or as the JSON the
	// CLI prints for get-credential-report.
	CredentialReport     []byte
	CredentialReportFile string
	// AccountID is the account the files come from; when empty it is read
	// from the ARNs in the files.
	AccountID string
	// Version and Now are as in Options.
	Version string
	Now     func() time.Time
}

// notInEvidence are the services the evidence files say nothing about.
// Each gets an error with operation "*", so every control that needs them
// reports ERROR rather than judging an absence.
var notInEvidence = []string{
	"accessanalyzer", "budgets", "cloudtrail", "cloudwatch", "cloudwatch-logs",
	"config-service", "ec2", "guardduty", "organizations", "s3-control", "securityhub",
}

// iamNotInEvidence are the IAM operations whose data the two files lack.
var iamNotInEvidence = []string{
	"GetAccountPasswordPolicy", "GetAccountSummary", "ListOpenIDConnectProviders",
	"ListSAMLProviders", "ListVirtualMFADevices",
}

var accountInARN = regexp.MustCompile(`^arn:([a-z-]+):iam::(\d{12}):`)

// FromEvidence builds a snapshot (source "evidence") from offline files.
// A file that cannot be read as what it claims to be is an error naming
// the file; data the files do not hold is recorded as NotInEvidence.
func FromEvidence(ev Evidence) (*snapshot.Snapshot, error) {
	if ev.Now == nil {
		ev.Now = time.Now
	}
	g, err := readGAAD(ev.GAAD, ev.GAADFile)
	if err != nil {
		return nil, err
	}
	rep, err := parseCredentialReport(ev.CredentialReport)
	if err != nil {
		return nil, &snapshot.InputError{File: ev.CredentialReportFile, Msg: err.Error()}
	}
	partition, account := "aws", ev.AccountID
	for _, a := range evidenceARNs(g, rep) {
		if m := accountInARN.FindStringSubmatch(a); m != nil {
			partition = m[1]
			if account == "" {
				account = m[2]
			}
			break
		}
	}
	if account == "" {
		return nil, &snapshot.InputError{File: ev.GAADFile, Msg: "no ARN names the account: pass --account-id"}
	}

	rec := &recorder{}
	for _, svc := range notInEvidence {
		rec.add(snapshot.CollectionError{Account: account, Service: svc, Operation: "*", Code: CodeNotInEvidence,
			Message: "not in the offline evidence (authorization details and credential report only)"})
	}
	for _, op := range iamNotInEvidence {
		rec.add(snapshot.CollectionError{Account: account, Service: "iam", Operation: op, Code: CodeNotInEvidence,
			Message: "not in the offline evidence (authorization details and credential report only)"})
	}
	a := snapshot.AWSAccount{AccountID: account, Partition: partition}
	g.apply(&a)
	// Without ListVirtualMFADevices the type of MFA is unknown: devices stay
	// nil (mfaDevices(nil)), MFA on/off still comes from the report.
	mergeCredentialReport(a.Users, rep, nil)
	rootARN := snapshot.AWSAccountARN(partition, account)
	if rep.root != nil {
		a.Root = rootFromReport(rep.root, rootARN, nil)
	} else {
		rec.add(snapshot.CollectionError{Account: account, Resource: rootARN, Service: "iam", Operation: "GetCredentialReport", Code: CodeRootRowMissing,
			Message: "the credential report has no <root_account> row and offline evidence has no account summary: the root user is unknown"})
	}
	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: ev.Now().UTC().Truncate(time.Second),
		Collector:   snapshot.Collector{Name: "rampart", Version: ev.Version},
		Source:      snapshot.SourceEvidence,
		AWS:         &snapshot.AWS{Accounts: []snapshot.AWSAccount{a}},
	}
	finish(s, rec)
	return s, nil
}

// readGAAD reads CLI output of get-account-authorization-details. The CLI
// merges pages into one document; a file of several concatenated pages
// (as written with --no-paginate in a loop) is merged here.
func readGAAD(data []byte, file string) (*gaad, error) {
	all := &gaad{}
	dec := json.NewDecoder(bytes.NewReader(data))
	n := 0
	for dec.More() {
		var head map[string]json.RawMessage
		start := dec.InputOffset()
		if err := dec.Decode(&head); err != nil {
			return nil, snapshot.JSONError(file, data, err)
		}
		known := false
		for _, k := range []string{"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"} {
			if _, ok := head[k]; ok {
				known = true
			}
		}
		if !known {
			l, c := snapshot.Position(data, start)
			return nil, &snapshot.InputError{File: file, Line: l, Col: c, Msg: "not the output of get-account-authorization-details: expected UserDetailList, GroupDetailList, RoleDetailList or Policies"}
		}
		var g gaad
		if err := json.Unmarshal(data[start:dec.InputOffset()], &g); err != nil {
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) {
				typ.Offset += start // relative to this document, not the file
			}
			return nil, snapshot.JSONError(file, data, err)
		}
		all.UserDetailList = append(all.UserDetailList, g.UserDetailList...)
		all.GroupDetailList = append(all.GroupDetailList, g.GroupDetailList...)
		all.RoleDetailList = append(all.RoleDetailList, g.RoleDetailList...)
		all.Policies = append(all.Policies, g.Policies...)
		n++
	}
	if n == 0 {
		return nil, &snapshot.InputError{File: file, Msg: "empty file: expected the JSON output of get-account-authorization-details"}
	}
	return all, nil
}

func evidenceARNs(g *gaad, rep *credReport) []string {
	var out []string
	if rep.root != nil {
		out = append(out, rep.root["arn"])
	}
	for _, u := range g.UserDetailList {
		out = append(out, u.Arn)
	}
	for _, r := range g.RoleDetailList {
		out = append(out, r.Arn)
	}
	for _, gr := range g.GroupDetailList {
		out = append(out, gr.Arn)
	}
	var reported []string
	for arn := range rep.byARN {
		reported = append(reported, arn)
	}
	sort.Strings(reported)
	return append(out, reported...)
}

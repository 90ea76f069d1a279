package gcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	policyanalyzer "google.golang.org/api/policyanalyzer/v1"
	htransport "google.golang.org/api/transport/http"

	"github.com/rampart-sec/rampart/snapshot"
)

// ActivitySource fills in when service accounts last authenticated,
// returning an error entry for each project it could not read. Without
// one, activity is recorded as not collected.
type ActivitySource interface {
	Fill(ctx context.Context, g *snapshot.GCP) []snapshot.CollectionError
}

// PolicyAnalyzer reads serviceAccountLastAuthentication from the Policy
// Analyzer activity API, one query (paged) per project that has service
// accounts: the API has no organization-wide form. A project it cannot read
// is an error for that project's unused-account results.
type PolicyAnalyzer struct {
	// ClientOptions are added to the REST client's (tests: a loopback
	// endpoint and its HTTP client).
	ClientOptions []option.ClientOption
	// Pages counts the responses received.
	Pages int
}

// activityQuery is the only REST method the activity source may call.
const activityQuery = ":query"

// readOnlyTransport refuses, before it is sent, every request that is not
// a GET of an activities:query: the REST twin of the gRPC allowlist.
type readOnlyTransport struct{ next http.RoundTripper }

func (t readOnlyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/activities"+activityQuery) {
		return nil, fmt.Errorf("rampart: %s %s is not on the read-only allowlist", r.Method, r.URL.Path)
	}
	return t.next.RoundTrip(r)
}

// Fill implements ActivitySource.
func (p *PolicyAnalyzer) Fill(ctx context.Context, g *snapshot.GCP) []snapshot.CollectionError {
	var errs []snapshot.CollectionError
	byProject := map[string][]*snapshot.GCPServiceAccount{}
	var order []string
	for i := range g.ServiceAccounts {
		sa := &g.ServiceAccounts[i]
		if _, ok := byProject[sa.Account]; !ok {
			order = append(order, sa.Account)
		}
		byProject[sa.Account] = append(byProject[sa.Account], sa)
	}
	if len(order) == 0 {
		return nil
	}
	svc, err := p.service(ctx)
	if err != nil {
		return []snapshot.CollectionError{activityError("", err)}
	}
	for _, project := range order {
		last, since, err := p.query(ctx, svc, project)
		if err != nil {
			errs = append(errs, activityError(project, err))
			continue
		}
		for _, sa := range byProject[project] {
			a := &snapshot.GCPActivity{ObservedSince: since}
			if t, ok := last[strings.ToLower(sa.Email)]; ok {
				a.LastAuthenticated = t
			} else if t, ok := last[sa.UniqueID]; ok && sa.UniqueID != "" {
				a.LastAuthenticated = t
			}
			sa.Activity = a
		}
	}
	return errs
}

// service builds the REST client: the credentials' transport (ADC or
// impersonation, from ClientOptions) inside the allowlist guard, so a
// refused request never reaches authentication or the network.
func (p *PolicyAnalyzer) service(ctx context.Context) (*policyanalyzer.Service, error) {
	opts := append([]option.ClientOption{option.WithScopes(policyanalyzer.CloudPlatformScope)}, p.ClientOptions...)
	tr, err := htransport.NewTransport(ctx, http.DefaultTransport, opts...)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Transport: readOnlyTransport{next: tr}}
	return policyanalyzer.NewService(ctx, append(opts, option.WithHTTPClient(client))...)
}

// activityRecord is the activity of serviceAccountLastAuthentication.
type activityRecord struct {
	LastAuthenticatedTime string `json:"lastAuthenticatedTime"`
	ServiceAccount        struct {
		FullResourceName string `json:"fullResourceName"`
		ServiceAccountID string `json:"serviceAccountId"`
	} `json:"serviceAccount"`
}

// query returns the last authentication per service account (by email and
// unique ID) and the start of the observation period.
func (p *PolicyAnalyzer) query(ctx context.Context, svc *policyanalyzer.Service, project string) (map[string]*time.Time, *time.Time, error) {
	parent := "projects/" + project + "/locations/global/activityTypes/" + snapshot.GCPOperationActivity
	last := map[string]*time.Time{}
	var since *time.Time
	err := svc.Projects.Locations.ActivityTypes.Activities.Query(parent).PageSize(1000).Pages(ctx, func(r *policyanalyzer.GoogleCloudPolicyanalyzerV1QueryActivityResponse) error {
		p.Pages++
		for _, a := range r.Activities {
			if op := a.ObservationPeriod; op != nil {
				if t := parseTime(op.StartTime); t != nil && (since == nil || t.Before(*since)) {
					since = t
				}
			}
			var rec activityRecord
			if err := json.Unmarshal(a.Activity, &rec); err != nil {
				return fmt.Errorf("activity of %s: %w", a.FullResourceName, err)
			}
			t := parseTime(rec.LastAuthenticatedTime)
			if _, email, ok := strings.Cut(rec.ServiceAccount.FullResourceName, "/serviceAccounts/"); ok {
				last[strings.ToLower(email)] = t
			}
			if rec.ServiceAccount.ServiceAccountID != "" {
				last[rec.ServiceAccount.ServiceAccountID] = t
			}
		}
		return nil
	})
	return last, since, err
}

func activityError(project string, err error) snapshot.CollectionError {
	code := "Error"
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		code = http.StatusText(gerr.Code)
		if gerr.Code == http.StatusForbidden {
			code = "PermissionDenied"
		}
		err = errors.New(gerr.Message)
	}
	return snapshot.CollectionError{
		Provider: "gcp", Account: project, Service: snapshot.GCPServiceActivity, Operation: snapshot.GCPOperationActivity,
		Code: code, Message: "Policy Analyzer activity query: " + err.Error(),
	}
}

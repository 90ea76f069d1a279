// Package snapshot is the contract between collectors and policies: a
// versioned, provider-neutral JSON document that records what was collected,
// from where, when, and which collection calls failed.
package snapshot

import (
	"time"
)

// Schema is the value of the "schema" key of every snapshot this version of
// rampart writes and reads.
const Schema = "rampart.snapshot/v1"

// Source tells how a snapshot was produced. Policies use it to decide which
// controls can be judged at all: a Terraform plan cannot say whether a user
// has MFA.
type Source string

// The sources rampart knows.
const (
	// SourceAPI is a snapshot collected from live cloud APIs.
	SourceAPI Source = "api"
	// SourceEvidence is a snapshot built offline from exported files
	// (authorization details, credential report).
	SourceEvidence Source = "evidence"
	// SourceTerraformPlan is a snapshot mapped from `terraform show -json`.
	SourceTerraformPlan Source = "terraform-plan"
)

// Snapshot is one collection run: every provider section it holds and every
// error met while filling them.
type Snapshot struct {
	Schema      string            `json:"schema"`
	CollectedAt time.Time         `json:"collected_at"`
	Collector   Collector         `json:"collector"`
	Source      Source            `json:"source"`
	Scopes      []Scope           `json:"scopes"`
	Errors      []CollectionError `json:"errors"`
	AWS         *AWS              `json:"aws,omitempty"`
	// Azure and GCP sections follow the AWS section's style: a list of
	// tenants/subscriptions or organizations/projects, each self-contained.
	Azure *Azure `json:"azure,omitempty"`
	GCP   *GCP   `json:"gcp,omitempty"`
}

// Collector names the program that wrote a snapshot.
type Collector struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Scope is one unit that was collected: an AWS account, an Azure
// subscription, a GCP project.
type Scope struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	Name     string `json:"name,omitempty"`
	// Resource is the provider's own ID for the scope itself (AWS:
	// arn:aws:iam::123456789012:root; Azure: /subscriptions/ID; GCP:
	// projects/ID). Results about the scope as a whole carry it.
	Resource string   `json:"resource"`
	Regions  []string `json:"regions,omitempty"`
}

// CodeNotInPlan marks data a Terraform plan does not show: the plan
// describes what it manages, not the whole account. A PASS may still be
// decided from what the plan declares (a multi-region trail in it covers
// the account); anything else about that data is not evaluated — absence
// from a plan proves nothing — so the engine drops those results instead
// of reporting them.
const CodeNotInPlan = "NotInPlan"

// CodeOutsidePlan marks a principal a Terraform plan shows only in part:
// an existing IAM user, group or role it grants to without managing it
// (named by an attachment, inline policy, membership or access key), or
// a user or group it manages without creating it (IAM may hold policies
// attached outside Terraform). The snapshot holds only what the plan
// gives it, so a FAIL those grants cause stands (the grant is in the
// plan), an ERROR another collection error caused stands, and anything
// else about the principal is not evaluated: the engine drops those
// results. The error is confined to that resource; Sources lists the
// plan's resources that grant to it.
const CodeOutsidePlan = "OutsidePlan"

// CodeUnknownGrantee marks a grant of a Terraform plan whose principal is
// unknown until apply and named by no reference: it may reach any
// principal of its account. A PASS resting on that data (the error's
// Operation) becomes ERROR; a FAIL stands, since a grant more does not
// take a principal's permissions away (a Deny granted so could, the one
// case where such a FAIL may be false); an ERROR stays ERROR.
const CodeUnknownGrantee = "UnknownGrantee"

// CollectionError records one call that did not return the data asked for.
// Errors are data: the engine turns every result whose control depends on
// the failed service or operation into ERROR instead of PASS or FAIL.
type CollectionError struct {
	Provider string `json:"provider"`
	Account  string `json:"account,omitempty"`
	Region   string `json:"region,omitempty"`
	// Service is the provider's short service name ("iam", "guardduty").
	Service string `json:"service"`
	// Operation is the API operation ("ListDetectors"); "*" means every
	// operation of the service, e.g. for data absent from offline evidence.
	Operation string `json:"operation"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	// Resource, when set, confines the error to one resource: e.g. a
	// Terraform resource whose policy document is unknown until apply
	// (Operation "*", Code "UnknownUntilApply"). Only that resource's
	// results become ERROR.
	Resource string `json:"resource,omitempty"`
	// Sources, when set, are the input's own resources the error comes
	// from, where they are not Resource: the resources of a plan that
	// grant to a principal outside it (CodeOutsidePlan).
	Sources []string `json:"sources,omitempty"`
}

// Package terraform maps the JSON form of a Terraform plan (`terraform show
// -json PLANFILE`, format_version 0.1 to 1.x) into a rampart snapshot with
// source "terraform-plan", so the same controls that judge a live cloud
// judge what a pull request is about to create.
//
// This package is the plan machinery every cloud shares: decoding and
// version checks (plan.go), the walk over resource instances (walk.go),
// unknown values (unknown.go), the plan's configuration section and the
// references in it (config.go, mapping.go), and finding a resource's block
// in the .tf sources (locate.go). What a resource means belongs to its
// provider's mapper, in a subpackage per cloud: collectors/terraform/aws
// maps aws_* resources; azurerm_* and google_* mappers are its siblings.
//
// # What a plan becomes
//
// Every managed resource instance of the plan — in the root module and in
// child modules, one per count index or for_each key — that is not being
// deleted is looked up in the resource types of the providers passed in
// Options.Providers (a Provider lists them with their Mapper). Nothing
// registers itself: the caller names the providers. Mappers of phase
// Create run before those of phase Connect, so attachments find what they
// attach whatever the plan's order; then each provider's Finish writes
// its snapshot section and scopes. Resource types without a mapper are
// ignored: a plan of only azurerm resources is a valid input with nothing
// for the AWS controls to judge. The result is put in the canonical order
// (snapshot.Canonicalize).
//
// # Resources are named by their Terraform address
//
// A resource's real ID is unknown until apply, and a reviewer needs to
// know which block to fix, so mappers name resources by their full
// Terraform address, e.g. module.poc.aws_iam_role.deploy["prod"]. Controls
// report that as a result's resource, so results, waivers and SARIF
// locations all speak in addresses (and Locator turns one into a file and
// line).
//
// # Unknown values
//
// A value Terraform only knows after apply (after_unknown, read with
// UnknownAt) is never guessed. Where a control would read it, the snapshot
// records a collection error confined to the resource whose results
// depend on it (UnknownError: Code UnknownUntilApply, Resource = the
// address, Message "<attribute> of <address> is unknown until apply"),
// and the field is left null with its *_error set, so the controls emit
// ERROR for it and the engine states the reason. Its Operation is "*"
// (every control reading the service) unless the provider names the data
// left unknown, so that only the controls requiring "service:data" turn
// ERROR (the AWS mapper does: a role's unknown trust policy leaves its
// admin and escalation verdicts alone). A reference
// to another resource of the plan is resolved through the plan's
// configuration section (Mapping.Resolve) before it is called unknown.
//
// # Scope-wide settings
//
// A plan describes only what it manages, so absence from a plan proves
// nothing. Data a plan cannot show is recorded as a NotInPlan collection
// error (CodeNotInPlan) confined to the scope's own resource: a PASS
// proven by what the plan declares stands, and no absence is reported.
package terraform

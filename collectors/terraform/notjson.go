package terraform

import (
	"bytes"
	"regexp"
)

// planSummary is the last line of `terraform plan` and `terraform show`
// text output.
var planSummary = regexp.MustCompile(`(?m)^\s*Plan: \d+ to add, \d+ to change, \d+ to destroy`)

// NotJSONHint recognises the forms of a plan that are not its JSON — the
// binary plan file (`terraform plan -out`, a zip archive) and the text of
// `terraform show` or `terraform plan` — and says how to get the JSON;
// "" for anything else.
func NotJSONHint(data []byte) string {
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "this is a binary Terraform plan file (terraform plan -out): run `terraform show -json PLANFILE > plan.json` and evaluate plan.json"
	case bytes.Contains(head, []byte("Terraform will perform the following actions")),
		bytes.Contains(head, []byte("Terraform used the selected providers")),
		bytes.Contains(head, []byte("No changes. Your infrastructure matches")),
		bytes.Contains(head, []byte("Resource actions are indicated with the following symbols")),
		planSummary.Match(data):
		return "this is the text output of `terraform show` or `terraform plan`: run `terraform show -json PLANFILE > plan.json` and evaluate plan.json"
	}
	return ""
}

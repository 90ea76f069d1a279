package aws

import "github.com/rampart-sec/rampart/snapshot"

// Hint returns the next step for a collection error the AWS plan mapping
// produced, "" for other errors.
func Hint(e snapshot.CollectionError) string {
	if e.Provider == "aws" && e.Code == CodeOwnAccountUnknown {
		return "name the account the plan deploys to: allowed_account_ids on the provider, or aws.account_ids in the --config file"
	}
	return ""
}

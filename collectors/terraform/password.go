package terraform

import (
	"github.com/rampart-sec/rampart/snapshot"
)

// mapPasswordPolicy reads aws_iam_account_password_policy with the
// provider's defaults. An account has one password policy; a plan that
// declares several (each overwriting the other on apply) is judged by the
// weakest, so it cannot pass on the strongest.
func mapPasswordPolicy(m *mapping, in instance) {
	b := m.awsAccount()
	p := &snapshot.PasswordPolicy{
		MinimumLength:              intOr(in.After, "minimum_password_length", 6),
		RequireSymbols:             boolOr(in.After, "require_symbols", false),
		RequireNumbers:             boolOr(in.After, "require_numbers", false),
		RequireUppercase:           boolOr(in.After, "require_uppercase_characters", false),
		RequireLowercase:           boolOr(in.After, "require_lowercase_characters", false),
		AllowUsersToChangePassword: boolOr(in.After, "allow_users_to_change_password", true),
		MaxPasswordAge:             intOr(in.After, "max_password_age", 0),
		PasswordReusePrevention:    intOr(in.After, "password_reuse_prevention", 0),
		HardExpiry:                 boolOr(in.After, "hard_expiry", false),
	}
	// Left out of the configuration, these are computed by the provider
	// as AWS's defaults (6 characters, no reuse prevention), which the
	// values above already are.
	for _, attr := range []string{"minimum_password_length", "password_reuse_prevention"} {
		if unknownAt(in.Unknown, attr) && m.plan.Configuration.sets(in, attr) {
			m.fail(unknownError("iam", attr, in.Address, b.accountARN()))
		}
	}
	if b.passwordPolicy == nil || weaker(p, b.passwordPolicy) {
		b.passwordPolicy, b.passwordPolicyAddr = p, in.Address
	}
}

func weaker(a, b *snapshot.PasswordPolicy) bool {
	if a.MinimumLength != b.MinimumLength {
		return a.MinimumLength < b.MinimumLength
	}
	return a.PasswordReusePrevention < b.PasswordReusePrevention
}

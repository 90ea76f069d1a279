package aws

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapPasswordPolicy reads aws_iam_account_password_policy with the
// provider's defaults. An account has one password policy; a plan that
// declares several (each overwriting the other on apply) is judged by the
// weakest, so it cannot pass on the strongest.
func (b *builder) mapPasswordPolicy(in tf.Instance) {
	p := &snapshot.PasswordPolicy{
		MinimumLength:              in.After.IntOr("minimum_password_length", 6),
		RequireSymbols:             in.After.BoolOr("require_symbols", false),
		RequireNumbers:             in.After.BoolOr("require_numbers", false),
		RequireUppercase:           in.After.BoolOr("require_uppercase_characters", false),
		RequireLowercase:           in.After.BoolOr("require_lowercase_characters", false),
		AllowUsersToChangePassword: in.After.BoolOr("allow_users_to_change_password", true),
		MaxPasswordAge:             in.After.IntOr("max_password_age", 0),
		PasswordReusePrevention:    in.After.IntOr("password_reuse_prevention", 0),
		HardExpiry:                 in.After.BoolOr("hard_expiry", false),
	}
	// Left out of the configuration, these are computed by the provider
	// as AWS's defaults (6 characters, no reuse prevention), which the
	// values above already are. One set but unknown leaves the account's
	// policy unknown, whichever block is judged: the error is confined
	// to that block's address once it is chosen (passwordErrors).
	for _, attr := range []string{"minimum_password_length", "password_reuse_prevention"} {
		if tf.UnknownAt(in.Unknown, attr) && b.m.Sets(in, attr) {
			b.passwordErrors = append(b.passwordErrors, unknownError("iam", attr, attr, in.Address, ""))
		}
	}
	if b.passwordPolicy == nil || weaker(p, b.passwordPolicy) {
		b.passwordPolicy = p
		p.Resource = in.Address
	}
}

// passwordErrors records the password policy's unknown values against
// the address results name.
func (b *builder) flushPasswordErrors() {
	for _, e := range b.passwordErrors {
		e.Resource = b.passwordPolicy.Resource
		b.m.Fail(e)
	}
	b.passwordErrors = nil
}

func weaker(a, b *snapshot.PasswordPolicy) bool {
	if a.MinimumLength != b.MinimumLength {
		return a.MinimumLength < b.MinimumLength
	}
	return a.PasswordReusePrevention < b.PasswordReusePrevention
}

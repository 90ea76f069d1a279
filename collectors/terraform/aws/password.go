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
	st := b.acct(in)
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
			st.passwordErrors = append(st.passwordErrors, unknownError("iam", attr, attr, in.Address, ""))
		}
	}
	if st.passwordPolicy == nil || weaker(p, st.passwordPolicy) {
		st.passwordPolicy = p
		p.Resource = in.Address
	}
}

// passwordErrors records the password policy's unknown values against
// the address results name.
func (b *builder) flushPasswordErrors(st *accountState) {
	for _, e := range st.passwordErrors {
		e.Resource = st.passwordPolicy.Resource
		e.Account = st.id
		b.m.Fail(e)
	}
	st.passwordErrors = nil
}

func weaker(a, b *snapshot.PasswordPolicy) bool {
	if a.MinimumLength != b.MinimumLength {
		return a.MinimumLength < b.MinimumLength
	}
	return a.PasswordReusePrevention < b.PasswordReusePrevention
}

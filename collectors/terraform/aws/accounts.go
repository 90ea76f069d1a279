package aws

import (
	"regexp"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
)

// accountOfKey tells the account each AWS provider block (by
// configuration key) manages resources in:
//   - the default block ("aws", or a module's own default): the config's
//     first aws.account_ids, else the account the block names;
//   - an alias that names an account (allowed_account_ids, or the role
//     ARN of its assume_role): that account;
//   - any other block (an alias for another region, a key the
//     configuration does not list): the default block's account.
//
// A block names an account through the role ARN of its last assume_role
// block (the role finally assumed) when that is a constant, else through
// its first allowed_account_ids. "" is an account nobody names: the
// account is unknown (see CodeOwnAccountUnknown).
type accountOfKey struct {
	m        *tf.Mapping
	fallback string
	byKey    map[string]string
}

func newAccountOfKey(m *tf.Mapping, configured []string) *accountOfKey {
	a := &accountOfKey{m: m, byKey: map[string]string{}}
	if len(configured) > 0 {
		a.fallback = configured[0]
	} else {
		a.fallback = namedAccount(m, Name)
	}
	return a
}

// of returns the account of the provider block with key key ("" for a
// resource whose configuration does not say: the default block).
func (a *accountOfKey) of(key string) string {
	if key == "" || key == Name {
		return a.fallback
	}
	if id, ok := a.byKey[key]; ok {
		return id
	}
	id := namedAccount(a.m, key)
	if id == "" {
		id = a.fallback
	}
	a.byKey[key] = id
	return id
}

// roleAccount is the account of an IAM role ARN.
var roleAccount = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):role/`)

// namedAccount is the account a provider block names itself, "" when it
// names none.
func namedAccount(m *tf.Mapping, key string) string {
	roles := m.ProviderBlockConstants(key, "assume_role", "role_arn")
	if len(roles) > 0 {
		if s, ok := roles[len(roles)-1].(string); ok {
			if sub := roleAccount.FindStringSubmatch(s); sub != nil {
				return sub[1]
			}
		}
	}
	if l, ok := m.ProviderConstant(key, "allowed_account_ids").([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

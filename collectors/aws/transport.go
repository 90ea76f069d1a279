package aws

import (
	"fmt"
	"sort"

	"github.com/rampart-sec/rampart/snapshot"
)

// transportFailures says in one line per account what hundreds of error
// entries would: every call that failed there got no response, for one
// reason (a wrong AWS_ENDPOINT_URL, a blocked network). Accounts whose
// failures differ, or include answers from AWS, are left to the errors.
func transportFailures(errs []snapshot.CollectionError) []string {
	type group struct {
		n       int
		reasons map[string]bool
		other   bool
	}
	byAccount := map[string]*group{}
	for _, e := range errs {
		g := byAccount[e.Account]
		if g == nil {
			g = &group{reasons: map[string]bool{}}
			byAccount[e.Account] = g
		}
		g.n++
		if e.Code == CodeConnection {
			g.reasons[e.Message] = true
		} else {
			g.other = true
		}
	}
	var out []string
	for account, g := range byAccount {
		if g.other || len(g.reasons) != 1 || g.n < 2 {
			continue
		}
		for reason := range g.reasons {
			out = append(out, fmt.Sprintf("aws: account %s: all %d failed calls got no response (%s): check network access and AWS_ENDPOINT_URL", account, g.n, reason))
		}
	}
	sort.Strings(out)
	return out
}

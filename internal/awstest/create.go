package awstest

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// A world must be built exactly as written, and the SDK's retries can
// break that: when moto's answer to a create is lost after the create took
// effect (seen on loaded CI machines), the SDK sends the call again. A
// create by name then answers "already exists"; a create AWS does not
// deduplicate (an access key, an instance, a detector, an account) makes a
// second one. This file keeps both from changing the world.

// retryLog counts and logs the builder's retried calls. Builder calls are
// sequential, so a count that moved since the previous check means the
// call just checked was retried.
type retryLog struct {
	tb      interface{ Logf(string, ...any) }
	retries atomic.Int64
	seen    int64
}

// made holds the IDs of what once created since moto was last reset
// (Need): the world's, whichever builder made them.
var made = struct {
	sync.Mutex
	ids map[string]bool
}{ids: map[string]bool{}}

// forgetMade empties made: moto was reset.
func forgetMade() {
	made.Lock()
	made.ids = map[string]bool{}
	made.Unlock()
}

// loggedRetryer is the SDK's standard retryer that notes each retry in the
// test's log, so a world that needed retries says why.
type loggedRetryer struct {
	aws.Retryer
	log *retryLog
}

// IsErrorRetryable is the standard decision, noted when it retries.
func (r loggedRetryer) IsErrorRetryable(err error) bool {
	if !r.Retryer.IsErrorRetryable(err) {
		return false
	}
	r.log.retries.Add(1)
	r.log.tb.Logf("building the world: the SDK retries after: %v", err)
	return true
}

// retriedSinceLastCheck reports whether the SDK retried a call since the
// previous check.
func (l *retryLog) retriedSinceLastCheck() bool {
	n := l.retries.Load()
	moved := n != l.seen
	l.seen = n
	return moved
}

// alreadyExists are the error codes by which the services the builder uses
// refuse to create a second entity of the same name.
var alreadyExists = map[string]bool{
	"EntityAlreadyExists":            true, // IAM
	"ResourceAlreadyExistsException": true, // CodeBuild, CloudWatch Logs
	"TrailAlreadyExistsException":    true,
	"DuplicateRecordException":       true, // Budgets
	"AlreadyInOrganizationException": true,
	"ResourceConflictException":      true, // Lambda
	"AlreadyExistsException":         true, // CloudFormation
}

// must fails the test when err is not nil, naming what was being built.
func (b *Builder) must(err error, what string) {
	b.t.Helper()
	b.log.retriedSinceLastCheck()
	if err != nil {
		b.t.Fatalf("building the world: %s: %v", what, err)
	}
}

// created is must for a call that creates something by name. "Already
// exists" is success when the SDK retried the call: moto was reset for
// this world, so the retried call's first attempt made it. It reports
// whether that happened; the call's output is then empty, and a caller
// that needs it looks the entity up. Without a retry, "already exists" is
// the test's own mistake and fails it.
func (b *Builder) created(err error, what string) (lost bool) {
	b.t.Helper()
	retried := b.log.retriedSinceLastCheck()
	var api smithy.APIError
	if retried && errors.As(err, &api) && alreadyExists[api.ErrorCode()] {
		b.t.Logf("building the world: %s: made by the first attempt of a retried call", what)
		return true
	}
	if err != nil {
		b.t.Fatalf("building the world: %s: %v", what, err)
	}
	return false
}

// once makes a create AWS does not deduplicate happen exactly once and
// returns the ID of what it made. create gets a configuration in region
// without retries; after a failure the SDK would retry, list (every ID of that
// kind where create makes one) says whether the create took effect all
// the same, and only if it did not is the call sent again.
func (b *Builder) once(what, region string, list func() []string, create func(noRetry aws.Config) (string, error)) string {
	b.t.Helper()
	defer b.log.retriedSinceLastCheck() // list's retries are not the next call's
	noRetry := b.in(region)
	noRetry.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	retryable := retry.IsErrorRetryables(retry.DefaultRetryables)
	for attempt := 1; ; attempt++ {
		id, err := create(noRetry)
		if err == nil {
			made.Lock()
			made.ids[id] = true
			made.Unlock()
			return id
		}
		if attempt == retry.DefaultMaxAttempts || retryable.IsErrorRetryable(err) != aws.TrueTernary {
			b.t.Fatalf("building the world: %s: %v", what, err)
		}
		var unseen []string
		ids := list()
		made.Lock()
		for _, id := range ids {
			if !made.ids[id] {
				unseen = append(unseen, id)
			}
		}
		made.Unlock()
		switch len(unseen) {
		case 0:
			b.t.Logf("building the world: %s failed (%v) and made nothing: sending it again", what, err)
		case 1:
			b.t.Logf("building the world: %s failed (%v) but made %s", what, err, unseen[0])
			made.Lock()
			made.ids[unseen[0]] = true
			made.Unlock()
			return unseen[0]
		default:
			b.t.Fatalf("building the world: %s failed (%v), and %d entities it could have made exist: %v", what, err, len(unseen), unseen)
		}
	}
}

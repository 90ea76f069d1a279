package gcp

import (
	"time"

	"github.com/googleapis/gax-go/v2"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Backoff gives the pause before retry number attempt (1-based).
type Backoff func(attempt int) time.Duration

// defaultBackoff doubles from one second up to half a minute: CAI's quota
// is per minute, so a burst of RESOURCE_EXHAUSTED clears within one.
func defaultBackoff(attempt int) time.Duration {
	d := time.Second << (attempt - 1)
	return min(d, 30*time.Second)
}

// quotaRetryer retries RESOURCE_EXHAUSTED (quota) and UNAVAILABLE /
// DEADLINE_EXCEEDED (transient) up to max attempts.
type quotaRetryer struct {
	backoff  Backoff
	max      int
	attempts int
	retried  *int
}

func (r *quotaRetryer) Retry(err error) (time.Duration, bool) {
	switch status.Code(err) {
	case codes.ResourceExhausted, codes.Unavailable, codes.DeadlineExceeded:
	default:
		return 0, false
	}
	r.attempts++
	if r.attempts >= r.max {
		return 0, false
	}
	if r.retried != nil {
		*r.retried++
	}
	return r.backoff(r.attempts), true
}

func retryOption(b Backoff, max int, retried *int) gax.CallOption {
	return gax.WithRetry(func() gax.Retryer { return &quotaRetryer{backoff: b, max: max, retried: retried} })
}

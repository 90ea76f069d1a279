package aws

import (
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// failFast stops retrying a call that got no response at all (refused,
// reset, no such host) after `attempts` attempts, and leaves everything
// else — throttles and 5xx, which are AWS answering and will let a later
// attempt through — to the wrapped retryer's full budget. On the identity
// call it is what stops a dead endpoint at once (it cost 8.5 minutes of
// retries) without ending a scan that a throttled or busy STS would only
// have delayed.
type failFast struct {
	aws.RetryerV2
	attempts int
}

// RetryDelay ends the retries of a call without response once the
// attempts are spent, returning the error itself (the SDK then returns
// it as the call's), and otherwise defers to the wrapped retryer.
func (r failFast) RetryDelay(attempt int, err error) (time.Duration, error) {
	var send *smithyhttp.RequestSendError
	if attempt >= r.attempts && errors.As(err, &send) {
		return 0, err
	}
	return r.RetryerV2.RetryDelay(attempt, err)
}

// withFailFast wraps a retryer as failFast.
func withFailFast(r aws.Retryer, attempts int) aws.Retryer {
	v2, ok := r.(aws.RetryerV2)
	if !ok {
		return r
	}
	return failFast{RetryerV2: v2, attempts: attempts}
}

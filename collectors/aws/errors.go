package aws

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Error codes the collector itself produces when AWS gives none.
const (
	// CodeRootRowMissing: the credential report had no <root_account> row,
	// so root password and key use are unknown (moto never writes that row).
	// The error is confined to the root user's resource: the users' rows
	// are fine.
	CodeRootRowMissing = "RootRowMissing"
	// CodeNotInEvidence: offline evidence files do not cover this data.
	CodeNotInEvidence = "NotInEvidence"
	// CodeRegionNotEnabled: a region asked for with --regions is not enabled
	// in the account.
	CodeRegionNotEnabled = "RegionNotEnabled"
	// CodeReportTimeout: the credential report was not ready in time.
	CodeReportTimeout = "ReportTimeout"
	// CodeConnection: the call got no HTTP response (connection refused,
	// reset, unknown host, TLS failure).
	CodeConnection = "ConnectionError"
)

// transportReason is the innermost, most specific text of a transport
// error: "dial tcp 127.0.0.1:1: connect: connection refused" rather than
// the URL and method around it.
func transportReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// recorder collects the errors of one collection run. It is shared by the
// goroutines collecting accounts and regions.
type recorder struct {
	mu   sync.Mutex
	errs []snapshot.CollectionError
	// meter counts the failures on the live line; nil counts nothing.
	meter *collectors.Meter
}

// fail records a failed SDK call. The service, operation and code come from
// the error itself, so that every call site records them the same way and
// the service names match what policies look for.
func (r *recorder) fail(account, region string, err error) {
	service, op, code, msg := classify(err)
	r.add(snapshot.CollectionError{
		Provider: "aws", Account: account, Region: region,
		Service: service, Operation: op, Code: code, Message: msg,
	})
}

// failResource records a failed call that concerns one resource only (a
// trail's status, a provider's audiences): controls about other resources
// of the account and region keep their data.
func (r *recorder) failResource(account, region, resource string, err error) {
	service, op, code, msg := classify(err)
	r.add(snapshot.CollectionError{
		Provider: "aws", Account: account, Region: region, Resource: resource,
		Service: service, Operation: op, Code: code, Message: msg,
	})
}

// failAs records err like fail, naming service and operation when err does
// not come from an SDK call (a report that does not parse, a timeout of
// the collector's own polling).
func (r *recorder) failAs(account, region, service, op string, err error) {
	s, o, code, msg := classify(err)
	if s == "unknown" {
		s, o = service, op
	}
	if code == "RequestError" && s == service && o == op {
		code = "InvalidResponse"
	}
	r.add(snapshot.CollectionError{
		Provider: "aws", Account: account, Region: region,
		Service: s, Operation: o, Code: code, Message: msg,
	})
}

// add records an error the collector detected itself.
func (r *recorder) add(e snapshot.CollectionError) {
	e.Provider = "aws"
	r.meter.Failed()
	r.mu.Lock()
	r.errs = append(r.errs, e)
	r.mu.Unlock()
}

// sorted returns the recorded errors in the canonical order, without
// duplicates.
func (r *recorder) sorted() []snapshot.CollectionError {
	r.mu.Lock()
	defer r.mu.Unlock()
	return snapshot.SortErrors(r.errs)
}

// classify derives the snapshot's error fields from an SDK error. Service is
// the smithy service ID lower-cased with spaces as dashes ("Config Service"
// → "config-service"): policies match on these names, so they must not
// depend on which call site failed. The message leaves out request IDs so
// that two collections of the same world stay byte-identical.
func classify(err error) (service, op, code, msg string) {
	service, op = "unknown", "unknown"
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		service = serviceSlug(oe.ServiceID)
		op = oe.OperationName
	}
	var api smithy.APIError
	var resp *awshttp.ResponseError
	var send *smithyhttp.RequestSendError
	switch {
	case errors.As(err, &send):
		// No HTTP response at all (refused, reset, no such host, TLS):
		// say so, not "HTTP status 0".
		code, msg = CodeConnection, "no response from the endpoint: "+transportReason(send.Err)
	case errors.As(err, &api) && api.ErrorCode() != "":
		code, msg = api.ErrorCode(), api.ErrorMessage()
		if msg == "" {
			msg = code
		}
	case errors.Is(err, context.DeadlineExceeded):
		code, msg = "RequestTimeout", "the call did not complete in time"
	case errors.Is(err, context.Canceled):
		code, msg = "Canceled", "the collection was canceled"
	case errors.As(err, &resp):
		code = fmt.Sprintf("HTTP%d", resp.HTTPStatusCode())
		msg = fmt.Sprintf("HTTP status %d without an AWS error code", resp.HTTPStatusCode())
	default:
		code = "RequestError"
		msg = err.Error()
		if oe != nil && oe.Err != nil {
			msg = oe.Err.Error()
		}
	}
	return service, op, code, msg
}

// serviceSlug turns a smithy service ID into rampart's service name.
func serviceSlug(id string) string {
	return strings.ReplaceAll(strings.ToLower(id), " ", "-")
}

// errorCode returns the AWS error code of err, or "".
func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

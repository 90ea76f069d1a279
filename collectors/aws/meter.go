package aws

import (
	"context"

	"github.com/aws/smithy-go/middleware"

	"github.com/rampart-sec/rampart/collectors"
)

// countCalls is an APIOptions entry that counts every operation called
// (once, whatever its retries) on the live status line.
func countCalls(m *collectors.Meter) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("RampartCountCalls",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				m.Call()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
}

package aws

import "context"

func context_DeadlineExceeded() error { return context.DeadlineExceeded }

package main

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantLogging) }

// devTrailARN is dev's own trail, the only one dev's trail list shows.
const devTrailARN = "arn:aws:cloudtrail:eu-west-1:333333333333:trail/dev-audit"

// plantLogging: dev's trail list does not show the organization trail
// (as if dev were outside its reach); its own trail, dev-audit, records
// eu-west-1 only, without log file validation or KMS encryption and
// without CloudWatch Logs delivery.
func plantLogging(w *World) {
	t := true
	dev := w.Account(Dev)
	dev.Trails = []snapshot.Trail{{
		Name: "dev-audit", ARN: devTrailARN, HomeRegion: "eu-west-1",
		IncludeGlobalEvents: true, S3Bucket: "dev-audit-logs", IsLogging: &t,
		EventSelectors:         Doc([]any{map[string]any{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []any{}, "ExcludeManagementEventSources": []any{}}}),
		AdvancedEventSelectors: Doc([]any{}),
	}}
	w.Want("aws-cloudtrail-enabled", Dev, "", RootARN(Dev), results.Fail, "only a single-region trail")
	w.Want("aws-cloudtrail-enabled", Prod, "", RootARN(Prod), results.Pass, "organization trail, multi-region, logging, all management events")
	w.Want("aws-cloudtrail-log-validation", Dev, "", devTrailARN, results.Fail, "dev-audit has log file validation off")
	w.Want("aws-cloudtrail-log-validation", Management, "", orgTrailARN, results.Pass, "the organization trail validates its logs, judged once in its owner")
	w.Want("aws-cloudtrail-kms", Dev, "", devTrailARN, results.Fail, "dev-audit is encrypted with SSE-S3 only")
	w.Want("aws-cloudtrail-kms", Management, "", orgTrailARN, results.Pass, "the organization trail uses a KMS key")
	// The CIS alarms: dev has no trail delivering to CloudWatch Logs, so no
	// filter can watch it; the other accounts are covered by the filters
	// and alarms on the organization trail's log group in the management
	// account.
	for _, c := range []string{"aws-alarm-root-usage", "aws-alarm-console-no-mfa", "aws-alarm-iam-changes", "aws-alarm-cloudtrail-changes"} {
		w.Want(c, Dev, "", RootARN(Dev), results.Fail, "no covering trail delivers dev's events to CloudWatch Logs")
		w.Want(c, Prod, "", RootARN(Prod), results.Pass, "filter and alarm on the organization trail's log group (management account)")
	}
}

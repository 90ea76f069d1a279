package main

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantDetection) }

// plantDetection: regional detection services. Dev's GuardDuty detector
// in eu-west-1 was suspended; security's Config recorder in eu-west-1 was
// narrowed to a few resource types; dev has no Access Analyzer in
// us-east-1; prod never enabled Security Hub in us-east-1.
func plantDetection(w *World) {
	w.Region(Security, "eu-west-1").ConfigRecorders[0].AllSupported = false
	w.Want("aws-config-enabled", Security, "eu-west-1", RootARN(Security), results.Fail, "recorder limited to some resource types")
	w.Want("aws-config-enabled", Prod, "eu-west-1", RootARN(Prod), results.Pass, "recording all resource types")

	w.Region(Dev, "us-east-1").AccessAnalyzers = []snapshot.AccessAnalyzer{}
	w.Want("aws-access-analyzer-enabled", Dev, "us-east-1", RootARN(Dev), results.Fail, "no analyzer")
	w.Want("aws-access-analyzer-enabled", Dev, "eu-west-1", RootARN(Dev), results.Pass, "active account analyzer")

	w.Region(Prod, "us-east-1").SecurityHub = &snapshot.SecurityHub{Enabled: false}
	w.Want("aws-securityhub-enabled", Prod, "us-east-1", RootARN(Prod), results.Fail, "Security Hub never enabled")
	w.Want("aws-securityhub-enabled", Prod, "eu-west-1", RootARN(Prod), results.Pass, "Security Hub enabled")

	w.Region(Dev, "eu-west-1").GuardDutyDetectors[0].Status = "DISABLED"
	w.Want("aws-guardduty-enabled", Dev, "eu-west-1", RootARN(Dev), results.Fail, "detector suspended")
	w.Want("aws-guardduty-enabled", Dev, "us-east-1", RootARN(Dev), results.Pass, "detector enabled")
}

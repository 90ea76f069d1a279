package main

import (
	"github.com/rampart-sec/rampart/results"
)

func init() { plants = append(plants, plantDetection) }

// plantDetection: regional detection services. Dev's GuardDuty detector
// in eu-west-1 was suspended.
func plantDetection(w *World) {
	w.Region(Dev, "eu-west-1").GuardDutyDetectors[0].Status = "DISABLED"
	w.Want("aws-guardduty-enabled", Dev, "eu-west-1", RootARN(Dev), results.Fail, "detector suspended")
	w.Want("aws-guardduty-enabled", Dev, "us-east-1", RootARN(Dev), results.Pass, "detector enabled")
}

package main

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantRoot) }

// plantRoot: the dev account's root user lost its MFA; the other roots keep
// a hardware key.
func plantRoot(w *World) {
	dev := w.Account(Dev)
	dev.Root.MFAActive = false
	dev.Root.MFADevices = []snapshot.MFADevice{}
	dev.AccountSummary["AccountMFAEnabled"] = 0
	w.Want("aws-root-mfa", Dev, "", RootARN(Dev), results.Fail, "dev root has no MFA")
	w.Want("aws-root-mfa", Prod, "", RootARN(Prod), results.Pass, "prod root has a hardware MFA key")
}

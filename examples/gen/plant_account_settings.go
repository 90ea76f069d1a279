package main

import (
	"github.com/rampart-sec/rampart/results"
)

func init() { plants = append(plants, plantAccountSettings) }

// plantAccountSettings: account-wide settings. Dev's password policy was
// left at 8 characters with no reuse prevention; the security account has
// none at all.
func plantAccountSettings(w *World) {
	dev := w.Account(Dev)
	dev.PasswordPolicy.MinimumLength = 8
	dev.PasswordPolicy.PasswordReusePrevention = 0
	w.Account(Security).PasswordPolicy = nil
	w.Want("aws-password-policy", Dev, "", RootARN(Dev), results.Fail, "minimum length 8, no reuse prevention")
	w.Want("aws-password-policy", Security, "", RootARN(Security), results.Fail, "no password policy")
	w.Want("aws-password-policy", Prod, "", RootARN(Prod), results.Pass, "14 characters, 24 remembered")
}

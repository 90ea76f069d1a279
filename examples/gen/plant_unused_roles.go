package main

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantUnusedRoles) }

// plantUnusedRoles: prod/legacy-etl was last assumed 200 days ago and
// dev/batch-reports never, 400 days after its creation; prod/new-pipeline
// was created 20 days ago and not used yet, which is not "unused". The
// service-linked AWSServiceRoleForSupport has never been used either, and
// is exempt.
func plantUnusedRoles(w *World) {
	prod := w.Account(Prod)
	legacy := cleanRole(Prod, "legacy-etl", trustService("glue.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess")
	legacy.Created = DaysAgo(500)
	legacy.LastUsed = &snapshot.RoleLastUsed{Date: DaysAgo(200), Region: "eu-west-1"}
	pipeline := cleanRole(Prod, "new-pipeline", trustService("codebuild.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess")
	pipeline.Created = DaysAgo(20)
	pipeline.LastUsed = &snapshot.RoleLastUsed{}
	prod.Roles = append(prod.Roles, legacy, pipeline)

	dev := w.Account(Dev)
	batch := cleanRole(Dev, "batch-reports", trustService("lambda.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess")
	batch.Created = DaysAgo(400)
	batch.LastUsed = &snapshot.RoleLastUsed{}
	dev.Roles = append(dev.Roles, batch)

	w.Want("aws-unused-role", Prod, "", RoleARN(Prod, "legacy-etl"), results.Fail, "last used 200 days ago")
	w.Want("aws-unused-role", Dev, "", RoleARN(Dev, "batch-reports"), results.Fail, "never used in 400 days")
	w.Want("aws-unused-role", Prod, "", RoleARN(Prod, "new-pipeline"), results.Pass, "20 days old: younger than the threshold")
	w.Want("aws-unused-role", Prod, "", RoleARN(Prod, "ops-readonly"), results.Pass, "used 3 days ago")
	w.Want("aws-unused-role", Prod, "", "arn:aws:iam::222222222222:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", "", "service-linked: exempt")
}

# METADATA
# title: Spending is watched by a budget or a billing alarm
# description: |
#   A bill that jumps is often the first sign of a compromise: crypto-mining
#   on instances launched with stolen keys (pb-16 §4.5 "Set billing
#   alerts", §6 "Cryptomining detected (billing spike)"). PASS when the
#   account has an AWS Budgets budget, or a CloudWatch alarm with enabled
#   actions on the AWS/Billing EstimatedCharges metric. ERROR when neither
#   is found but budgets or a region's alarms could not be read.
# custom:
#   id: aws-billing-alarm
#   severity: low
#   frameworks: {}
#   mitre: [T1496]
#   remediation: |
#     aws budgets create-budget --account-id <account-id> --budget '{"BudgetName":"monthly-spend","BudgetLimit":{"Amount":"5000","Unit":"USD"},"TimeUnit":"MONTHLY","BudgetType":"COST"}'
#     --notifications-with-subscribers '[{"Notification":{"NotificationType":"ACTUAL","ComparisonOperator":"GREATER_THAN","Threshold":80},"Subscribers":[{"SubscriptionType":"EMAIL","Address":"finops@example.com"}]}]'
#   escalation: Cloud team + Finance
#   requires: ["budgets", "cloudwatch"]
#   iac: P
package rampart.aws.billing_alarm

import data.rampart.lib.aws
import data.rampart.lib.aws.alarms
import rego.v1

type := "AWS::Budgets::Budget"

billing_alarms(account) := [a.name |
	some region in account.regions
	some a in region.alarms
	a.namespace == "AWS/Billing"
	a.metric_name == "EstimatedCharges"
	alarms.notifies(a)
]

budgets(account) := [b.name | some b in account.budgets]

watched(account) if count(budgets(account)) > 0

watched(account) if count(billing_alarms(account)) > 0

unknown(account) := array.concat(
	["budgets were not collected" | is_null(account.budgets)],
	[sprintf("alarms in %s were not collected", [region.name]) | some region in account.regions; is_null(region.alarms)],
)

evidence(account) := {"budgets": budgets(account), "billing_alarms": billing_alarms(account)}

results contains r if {
	some account in input.aws.accounts
	watched(account)
	r := aws.result("PASS", account, "", aws.account_arn(account), type, sprintf("spending is watched by %s", [concat(", ", array.concat(budgets(account), billing_alarms(account)))]), evidence(account))
}

results contains r if {
	some account in input.aws.accounts
	not watched(account)
	count(unknown(account)) > 0
	r := aws.result("ERROR", account, "", aws.account_arn(account), type, sprintf("no budget or billing alarm found, but %s", [concat("; ", unknown(account))]), evidence(account))
}

results contains r if {
	some account in input.aws.accounts
	not watched(account)
	count(unknown(account)) == 0
	r := aws.result("FAIL", account, "", aws.account_arn(account), type, "no budget and no billing alarm", evidence(account))
}

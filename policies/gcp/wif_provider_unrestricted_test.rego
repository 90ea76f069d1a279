package rampart.gcp.wif_provider_unrestricted_test

import data.rampart.gcp.wif_provider_unrestricted as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

gh := "https://token.actions.githubusercontent.com"

provider(id, cond, mapping, kind, disabled) := {
	"name": sprintf("//iam.googleapis.com/projects/333/locations/global/workloadIdentityPools/ci/providers/%s", [id]),
	"account": "prod-app", "kind": kind, "issuer_uri": gh, "allowed_audiences": [],
	"attribute_condition": cond, "attribute_mapping": mapping, "disabled": disabled,
}

base_map := {"google.subject": "assertion.sub", "attribute.repository_owner": "assertion.repository_owner", "attribute.actor": "assertion.actor"}

providers := [
	provider("none", "", base_map, "oidc", false),
	provider("owner", "assertion.repository_owner == 'example-org'", base_map, "oidc", false),
	provider("attr", "attribute.repository_owner=='example-org' && attribute.actor != 'bot'", base_map, "oidc", false),
	provider("in-list", "assertion.repository in ['example-org/app', 'example-org/infra']", base_map, "oidc", false),
	provider("prefix", "assertion.sub.startsWith('repo:example-org/')", base_map, "oidc", false),
	provider("empty-prefix", "assertion.sub.startsWith('')", base_map, "oidc", false),
	provider("actor-only", "attribute.actor == 'octocat'", base_map, "oidc", false),
	provider("or-escape", "assertion.repository_owner == 'example-org' || assertion.ref == 'refs/heads/main'", base_map, "oidc", false),
	provider("not-equal", "assertion.repository_owner != 'evil'", base_map, "oidc", false),
	provider("disabled", "", base_map, "oidc", true),
	provider("aws", "", {}, "aws", false),
]

st := s if {
	s := world.statuses(c.results) with input as world.gcp(world.levels, {"workload_identity_providers": providers})
}

n(id) := provider(id, "", {}, "", false).name

test_no_condition_fails if st[n("none")] == {"FAIL"}

test_pinned_owner_passes if {
	st[n("owner")] == {"PASS"}
	st[n("attr")] == {"PASS"}
	st[n("in-list")] == {"PASS"}
	st[n("prefix")] == {"PASS"}
}

test_conditions_that_pin_nothing_fail if {
	st[n("empty-prefix")] == {"FAIL"}
	st[n("actor-only")] == {"FAIL"}
	st[n("or-escape")] == {"FAIL"}
	st[n("not-equal")] == {"FAIL"}
}

test_disabled_passes_and_aws_is_not_judged if {
	st[n("disabled")] == {"PASS"}
	not st[n("aws")]
}

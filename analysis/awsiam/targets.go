package awsiam

import (
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// targets are, per account, what techniques act on, gathered once.
type targets struct {
	roles, users, groups []*Principal
	// serviceRoles are the roles whose trust policy lets a service
	// assume them, by service principal.
	serviceRoles map[string][]*Principal
	// customer are the customer-managed policies of the account.
	customer []*Managed
	// functions, stacks, instances and build projects run as a role of
	// the snapshot.
	functions []compute
	stacks    []compute
	instances []compute
	projects  []compute
	// profiles maps an instance profile ARN to its role.
	profiles map[string]*Principal
	// profilesKnown is false when some role's instance profiles were not
	// collected (an older snapshot, a plan).
	profilesKnown bool
	// unknown names, per target kind, why some of those targets are not
	// in the snapshot (a region whose functions were not listed).
	unknown map[targetKind]string
	notes   []string

	// iamPrefix is "arn:PARTITION:iam::ACCOUNT:".
	iamPrefix string
	// kept are the candidates of each technique that pass its Filter:
	// the same for every actor, so filtered once.
	kept map[*technique]*candidates
	// shared are the answers over scoped grants shared between actors
	// (see shared.go).
	shared map[sharedKey]*shared
}

// candidates are the targets of one technique in one account.
type candidates struct {
	members []*Principal
	// classKey names the class of them all (Graph.class).
	classKey string
}

// filtered returns the candidates of t (cands, under prefix) that pass
// its Filter, computed on first use.
func (ts *targets) filtered(t *technique, cands []*Principal, prefix string) *candidates {
	if c, ok := ts.kept[t]; ok {
		return c
	}
	c := &candidates{classKey: t.ID + "|" + prefix}
	for _, x := range cands {
		if filterOK(t, x, nil) {
			c.members = append(c.members, x)
		}
	}
	ts.kept[t] = c
	return c
}

// compute is an existing resource that runs as a role.
type compute struct {
	arn    string
	region string
	role   *Principal
}

func (g *Graph) gather(a *Account) *targets {
	t := &targets{serviceRoles: map[string][]*Principal{}, profiles: map[string]*Principal{}, profilesKnown: true, unknown: map[targetKind]string{},
		iamPrefix: "arn:" + a.Partition + ":iam::" + a.ID + ":", kept: map[*technique]*candidates{}, shared: map[sharedKey]*shared{}}
	if g.plan {
		// A plan shows what it declares, not the account: a grant whose
		// targets may be principals, policies or compute outside it
		// cannot be cleared.
		for k, what := range outsidePlanTargets {
			t.unknown[k] = "the plan does not show the account's " + what
		}
	} else if len(a.Regions) == 0 {
		for _, k := range []targetKind{tFunction, tStack, tInstance, tProject} {
			t.unknown[k] = "no region of account " + a.ID + " was collected"
		}
	}
	t.users, t.groups = a.Users, a.Groups
	for _, r := range a.Roles {
		if r.ServiceLinked {
			continue // AWS-managed: no one may pass, rewrite or re-trust it
		}
		t.roles = append(t.roles, r)
		tr := g.trustOf(r)
		for svc := range tr.services {
			t.serviceRoles[svc] = append(t.serviceRoles[svc], r)
		}
		if r.role.InstanceProfiles == nil {
			t.profilesKnown = false
		}
		for _, ip := range r.role.InstanceProfiles {
			t.profiles[ip] = r
		}
	}
	for _, m := range a.policies {
		if !m.AWSManaged && len(m.holders) > 0 {
			t.customer = append(t.customer, m)
		}
	}
	sortManaged(t.customer)
	for i := range a.Regions {
		reg := &a.Regions[i]
		if !g.plan {
			// A plan's compute is what it declares, used below; the
			// rest is already unknown.
			notCollected(t, reg)
		}
		for _, pr := range reg.CodeBuildProjects {
			if r := g.byARN[pr.ServiceRole]; r != nil {
				t.projects = append(t.projects, compute{arn: pr.ARN, region: reg.Name, role: r})
			}
		}
		for _, f := range reg.LambdaFunctions {
			if r := g.byARN[f.Role]; r != nil {
				t.functions = append(t.functions, compute{arn: f.ARN, region: reg.Name, role: r})
			}
		}
		for _, s := range reg.Stacks {
			if s.RoleARN == "" || strings.HasPrefix(s.Status, "DELETE_COMPLETE") {
				continue
			}
			if r := g.byARN[s.RoleARN]; r != nil {
				t.stacks = append(t.stacks, compute{arn: s.ARN, region: reg.Name, role: r})
			}
		}
		for _, in := range reg.Instances {
			if in.State != "running" || in.InstanceProfileARN == "" {
				continue
			}
			if r := t.profiles[in.InstanceProfileARN]; r != nil {
				t.instances = append(t.instances, compute{arn: in.ARN, region: reg.Name, role: r})
			} else if !t.profilesKnown {
				t.notes = append(t.notes, "instance "+in.ID+" runs with instance profile "+in.InstanceProfileARN+" whose role is not known (instance profiles not collected)")
			}
		}
	}
	return t
}

// notCollected records the compute of a scanned region whose list failed.
func notCollected(t *targets, reg *snapshot.AWSRegion) {
	if reg.LambdaFunctions == nil {
		t.unknown[tFunction] = "Lambda functions of " + reg.Name + " were not collected"
	}
	if reg.Stacks == nil {
		t.unknown[tStack] = "CloudFormation stacks of " + reg.Name + " were not collected"
	}
	if reg.Instances == nil {
		t.unknown[tInstance] = "EC2 instances of " + reg.Name + " were not collected"
	}
	if reg.CodeBuildProjects == nil {
		t.unknown[tProject] = "CodeBuild projects of " + reg.Name + " were not collected"
	}
}

// outsidePlanTargets names, for a plan, what of each target kind may
// exist outside it.
var outsidePlanTargets = map[targetKind]string{
	tRole: "other roles", tUser: "other users", tGroup: "other groups",
	tPolicyHolder: "other customer-managed policies", tServiceRole: "other roles",
	tFunction: "Lambda functions", tStack: "CloudFormation stacks", tInstance: "running EC2 instances",
	tProject: "CodeBuild projects", tAssume: "other roles",
}

// trustOf parses a role's trust policy once.
func (g *Graph) trustOf(r *Principal) *trust {
	if t, ok := g.trusts[r]; ok {
		return t
	}
	// Roles share trust documents (every EC2 role trusts EC2 alike):
	// each text is parsed once.
	key := string(r.role.TrustPolicy)
	t, ok := g.trustDocs[key]
	if !ok {
		t = parseTrust(r.role.TrustPolicy, "trust policy")
		g.trustDocs[key] = t
	}
	g.trusts[r] = t
	return t
}

// hasRoom: the user holds fewer than two access keys (IAM's limit), or
// its keys are unknown.
func hasRoom(u *Principal) bool {
	return !u.user.CredentialReport || len(u.user.AccessKeys) < 2
}

// filterOK applies a technique's Filter to a target.
func filterOK(t *technique, target *Principal, ts *targets) bool {
	switch t.Filter {
	case "room":
		return hasRoom(target)
	case "full":
		return !hasRoom(target)
	case "password":
		// A console password needs MFA too when the user has a device:
		// taking over the password alone does not let the actor in.
		return (target.user.PasswordEnabled || !target.user.CredentialReport) && !target.user.MFAActive
	case "nopassword":
		return (!target.user.PasswordEnabled || !target.user.CredentialReport) && !target.user.MFAActive
	case "profile":
		return target.role.InstanceProfiles == nil || len(target.role.InstanceProfiles) > 0
	case "noprofile":
		return len(target.role.InstanceProfiles) == 0
	case "bounded":
		return target.identityAdmin && target.boundary != nil && !layerAdmin(target.boundary)
	}
	return true
}

package awsiam

import "strings"

// The escalation techniques the graph knows, from the public catalogues:
//
//	rhino N          Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and
//	                 Mitigation", method N (1-21)
//	iam-vulnerable   BishopFox iam-vulnerable (privesc1-21 mirror Rhino's list; the
//	                 others are its service-specific additions)
//	pathfinding.cloud  Datadog's catalogue of AWS privilege-escalation paths
//	pacu             Pacu's iam__privesc_scan module, by its method name
//
// A technique is either "become" (the actor gains the target's
// permissions: assume it, take over its credentials, run code as it) or
// "empower" (the actor can give the target any permission: the target
// becomes admin, which helps the actor when it is the target or can
// become it).

// techniqueKind is become or empower.
type techniqueKind int8

const (
	become techniqueKind = iota
	empower
)

// targetKind is what a technique acts on.
type targetKind int8

const (
	tRole         targetKind = iota // any role of the actor's account
	tUser                           // any other user of the account
	tGroup                          // any group of the account
	tPolicyHolder                   // a customer-managed policy and every principal it is attached to
	tServiceRole                    // a role trusting Service, passed with iam:PassRole
	tFunction                       // an existing Lambda function, running as its role
	tStack                          // an existing CloudFormation stack with a service role
	tInstance                       // a running EC2 instance, running as its instance profile's role
	tProject                        // an existing CodeBuild project, building as its service role
	tAssume                         // a role whose trust policy names the actor
)

// technique is one catalogue entry.
type technique struct {
	ID   string
	Kind techniqueKind
	On   targetKind
	// Target is the action whose resource is the target (iam:PassRole for
	// the PassRole family); Also are the other actions needed, on
	// resources the actor creates (any name it likes) unless OnTarget.
	Target string
	Also   []string
	// AlsoOnTarget: Also act on the target resource (UpdateFunctionCode
	// and the like act on the existing function, not a new one).
	AlsoOnTarget bool
	// Service is the service principal a role is passed to.
	Service string
	// Filter restricts the targets: "room" (the user has fewer than two
	// access keys), "full" (it has two), "password" / "nopassword",
	// "profile" / "noprofile" (the role is / is not in an instance
	// profile), "bounded" (a boundary holds back an admin identity).
	Filter  string
	Sources string

	// actions are Target and Also lower-cased, as the evaluator matches
	// them, and label is Label(): both computed once (see init), not on
	// each of the many questions asked per principal.
	actions []string
	label   string
	// passed are the request keys of passing a role to Service
	// (iam:PassedToService), for tServiceRole; read-only.
	passed map[string][]string
}

func init() {
	for _, t := range catalogue {
		t.actions = append(t.actions, strings.ToLower(t.Target))
		for _, a := range t.Also {
			t.actions = append(t.actions, strings.ToLower(a))
		}
		t.label = t.Label()
		if t.On == tServiceRole {
			t.passed = map[string][]string{"iam:passedtoservice": {t.Service}}
		}
	}
}

// Label is how a step reads in a chain: the actions joined with "+".
func (t *technique) Label() string {
	s := t.Target
	for _, a := range t.Also {
		s += "+" + a
	}
	return s
}

var catalogue = []*technique{
	// --- Writing permissions onto a principal (empower) -----------------
	{ID: "create-policy-version", Kind: empower, On: tPolicyHolder, Target: "iam:CreatePolicyVersion", Sources: "rhino 1; iam-vulnerable privesc1; pathfinding.cloud; pacu CreateNewPolicyVersion"},
	{ID: "set-default-policy-version", Kind: empower, On: tPolicyHolder, Target: "iam:SetDefaultPolicyVersion", Sources: "rhino 2; iam-vulnerable privesc2; pathfinding.cloud; pacu SetExistingDefaultPolicyVersion"},
	{ID: "attach-user-policy", Kind: empower, On: tUser, Target: "iam:AttachUserPolicy", Sources: "rhino 7; iam-vulnerable privesc7; pathfinding.cloud; pacu AttachUserPolicy"},
	{ID: "attach-group-policy", Kind: empower, On: tGroup, Target: "iam:AttachGroupPolicy", Sources: "rhino 8; iam-vulnerable privesc8; pathfinding.cloud; pacu AttachGroupPolicy"},
	{ID: "attach-role-policy", Kind: empower, On: tRole, Target: "iam:AttachRolePolicy", Sources: "rhino 9; iam-vulnerable privesc9; pathfinding.cloud; pacu AttachRolePolicy"},
	{ID: "put-user-policy", Kind: empower, On: tUser, Target: "iam:PutUserPolicy", Sources: "rhino 10; iam-vulnerable privesc10; pathfinding.cloud; pacu PutUserPolicy"},
	{ID: "put-group-policy", Kind: empower, On: tGroup, Target: "iam:PutGroupPolicy", Sources: "rhino 11; iam-vulnerable privesc11; pathfinding.cloud; pacu PutGroupPolicy"},
	{ID: "put-role-policy", Kind: empower, On: tRole, Target: "iam:PutRolePolicy", Sources: "rhino 12; iam-vulnerable privesc12; pathfinding.cloud; pacu PutRolePolicy"},
	{ID: "delete-user-permissions-boundary", Kind: empower, On: tUser, Target: "iam:DeleteUserPermissionsBoundary", Filter: "bounded", Sources: "pathfinding.cloud"},
	{ID: "delete-role-permissions-boundary", Kind: empower, On: tRole, Target: "iam:DeleteRolePermissionsBoundary", Filter: "bounded", Sources: "pathfinding.cloud"},
	{ID: "put-user-permissions-boundary", Kind: empower, On: tUser, Target: "iam:PutUserPermissionsBoundary", Filter: "bounded", Sources: "pathfinding.cloud"},
	{ID: "put-role-permissions-boundary", Kind: empower, On: tRole, Target: "iam:PutRolePermissionsBoundary", Filter: "bounded", Sources: "pathfinding.cloud"},

	// --- Taking over a principal (become) -------------------------------
	{ID: "assume-role", Kind: become, On: tAssume, Target: "sts:AssumeRole", Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "update-assume-role-policy", Kind: become, On: tRole, Target: "iam:UpdateAssumeRolePolicy", Sources: "rhino 14; iam-vulnerable privesc14; pathfinding.cloud; pacu UpdateRolePolicyToAssumeIt"},
	{ID: "create-access-key", Kind: become, On: tUser, Target: "iam:CreateAccessKey", Filter: "room", Sources: "rhino 4; iam-vulnerable privesc4; pathfinding.cloud; pacu CreateAccessKey"},
	{ID: "create-access-key-rotate", Kind: become, On: tUser, Target: "iam:CreateAccessKey", Also: []string{"iam:DeleteAccessKey"}, AlsoOnTarget: true, Filter: "full", Sources: "pathfinding.cloud"},
	{ID: "create-login-profile", Kind: become, On: tUser, Target: "iam:CreateLoginProfile", Filter: "nopassword", Sources: "rhino 5; iam-vulnerable privesc5; pathfinding.cloud; pacu CreateLoginProfile"},
	{ID: "update-login-profile", Kind: become, On: tUser, Target: "iam:UpdateLoginProfile", Filter: "password", Sources: "rhino 6; iam-vulnerable privesc6; pathfinding.cloud; pacu UpdateLoginProfile"},
	{ID: "add-user-to-group", Kind: become, On: tGroup, Target: "iam:AddUserToGroup", Sources: "rhino 13; iam-vulnerable privesc13; pathfinding.cloud; pacu AddUserToGroup"},

	// --- Passing a role to a service that runs the actor's code ---------
	{ID: "passrole-ec2", Kind: become, On: tServiceRole, Service: "ec2.amazonaws.com", Target: "iam:PassRole", Also: []string{"ec2:RunInstances"}, Filter: "profile", Sources: "rhino 3; iam-vulnerable privesc3; pathfinding.cloud; pacu PassExistingRoleToNewEC2"},
	{ID: "passrole-ec2-new-profile", Kind: become, On: tServiceRole, Service: "ec2.amazonaws.com", Target: "iam:PassRole", Also: []string{"ec2:RunInstances", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"}, Filter: "noprofile", Sources: "pathfinding.cloud"},
	{ID: "passrole-autoscaling-launch-configuration", Kind: become, On: tServiceRole, Service: "ec2.amazonaws.com", Target: "iam:PassRole", Also: []string{"autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"}, Filter: "profile", Sources: "pathfinding.cloud"},
	{ID: "passrole-autoscaling-launch-template", Kind: become, On: tServiceRole, Service: "ec2.amazonaws.com", Target: "iam:PassRole", Also: []string{"ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup"}, Filter: "profile", Sources: "pathfinding.cloud"},
	{ID: "passrole-lambda-invoke", Kind: become, On: tServiceRole, Service: "lambda.amazonaws.com", Target: "iam:PassRole", Also: []string{"lambda:CreateFunction", "lambda:InvokeFunction"}, Sources: "rhino 15; iam-vulnerable privesc15; pathfinding.cloud; pacu PassExistingRoleToNewLambdaThenInvoke"},
	{ID: "passrole-lambda-event-source", Kind: become, On: tServiceRole, Service: "lambda.amazonaws.com", Target: "iam:PassRole", Also: []string{"lambda:CreateFunction", "lambda:CreateEventSourceMapping"}, Sources: "rhino 16; iam-vulnerable privesc16; pathfinding.cloud; pacu PassExistingRoleToNewLambdaThenTriggerWithNewDynamo"},
	{ID: "passrole-lambda-add-permission", Kind: become, On: tServiceRole, Service: "lambda.amazonaws.com", Target: "iam:PassRole", Also: []string{"lambda:CreateFunction", "lambda:AddPermission"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-cloudformation", Kind: become, On: tServiceRole, Service: "cloudformation.amazonaws.com", Target: "iam:PassRole", Also: []string{"cloudformation:CreateStack"}, Sources: "rhino 20; iam-vulnerable privesc20; pathfinding.cloud; pacu PassExistingRoleToCloudFormation"},
	{ID: "passrole-cloudformation-change-set", Kind: become, On: tServiceRole, Service: "cloudformation.amazonaws.com", Target: "iam:PassRole", Also: []string{"cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-glue-dev-endpoint", Kind: become, On: tServiceRole, Service: "glue.amazonaws.com", Target: "iam:PassRole", Also: []string{"glue:CreateDevEndpoint"}, Sources: "rhino 18; iam-vulnerable privesc18; pathfinding.cloud; pacu PassExistingRoleToNewGlueDevEndpoint"},
	{ID: "passrole-glue-job", Kind: become, On: tServiceRole, Service: "glue.amazonaws.com", Target: "iam:PassRole", Also: []string{"glue:CreateJob", "glue:StartJobRun"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-glue-job-trigger", Kind: become, On: tServiceRole, Service: "glue.amazonaws.com", Target: "iam:PassRole", Also: []string{"glue:CreateJob", "glue:CreateTrigger"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-datapipeline", Kind: become, On: tServiceRole, Service: "datapipeline.amazonaws.com", Target: "iam:PassRole", Also: []string{"datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"}, Sources: "rhino 21; iam-vulnerable privesc21; pathfinding.cloud; pacu PassExistingRoleToNewDataPipeline"},
	{ID: "passrole-codebuild", Kind: become, On: tServiceRole, Service: "codebuild.amazonaws.com", Target: "iam:PassRole", Also: []string{"codebuild:CreateProject", "codebuild:StartBuild"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-codebuild-batch", Kind: become, On: tServiceRole, Service: "codebuild.amazonaws.com", Target: "iam:PassRole", Also: []string{"codebuild:CreateProject", "codebuild:StartBuildBatch"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-sagemaker-notebook", Kind: become, On: tServiceRole, Service: "sagemaker.amazonaws.com", Target: "iam:PassRole", Also: []string{"sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-sagemaker-training-job", Kind: become, On: tServiceRole, Service: "sagemaker.amazonaws.com", Target: "iam:PassRole", Also: []string{"sagemaker:CreateTrainingJob"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-sagemaker-processing-job", Kind: become, On: tServiceRole, Service: "sagemaker.amazonaws.com", Target: "iam:PassRole", Also: []string{"sagemaker:CreateProcessingJob"}, Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "passrole-ecs-run-task", Kind: become, On: tServiceRole, Service: "ecs-tasks.amazonaws.com", Target: "iam:PassRole", Also: []string{"ecs:RegisterTaskDefinition", "ecs:RunTask"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-ecs-start-task", Kind: become, On: tServiceRole, Service: "ecs-tasks.amazonaws.com", Target: "iam:PassRole", Also: []string{"ecs:RegisterTaskDefinition", "ecs:StartTask"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-ecs-service", Kind: become, On: tServiceRole, Service: "ecs-tasks.amazonaws.com", Target: "iam:PassRole", Also: []string{"ecs:RegisterTaskDefinition", "ecs:CreateService"}, Sources: "pathfinding.cloud"},
	{ID: "passrole-apprunner", Kind: become, On: tServiceRole, Service: "tasks.apprunner.amazonaws.com", Target: "iam:PassRole", Also: []string{"apprunner:CreateService"}, Sources: "pathfinding.cloud"},

	// --- Running code on compute that already runs as a role ------------
	{ID: "lambda-update-function-code", Kind: become, On: tFunction, Target: "lambda:UpdateFunctionCode", Sources: "rhino 17; iam-vulnerable privesc17; pathfinding.cloud; pacu EditExistingLambdaFunctionWithRole"},
	{ID: "cloudformation-update-stack", Kind: become, On: tStack, Target: "cloudformation:UpdateStack", Sources: "pathfinding.cloud"},
	{ID: "cloudformation-change-set", Kind: become, On: tStack, Target: "cloudformation:CreateChangeSet", Also: []string{"cloudformation:ExecuteChangeSet"}, AlsoOnTarget: true, Sources: "pathfinding.cloud"},
	{ID: "codebuild-start-build", Kind: become, On: tProject, Target: "codebuild:StartBuild", Sources: "pathfinding.cloud"},
	{ID: "codebuild-start-build-batch", Kind: become, On: tProject, Target: "codebuild:StartBuildBatch", Sources: "pathfinding.cloud"},
	{ID: "ssm-send-command", Kind: become, On: tInstance, Target: "ssm:SendCommand", Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "ssm-start-session", Kind: become, On: tInstance, Target: "ssm:StartSession", Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "ec2-instance-connect", Kind: become, On: tInstance, Target: "ec2-instance-connect:SendSSHPublicKey", Sources: "iam-vulnerable; pathfinding.cloud"},
	{ID: "ec2-user-data", Kind: become, On: tInstance, Target: "ec2:ModifyInstanceAttribute", Also: []string{"ec2:StopInstances", "ec2:StartInstances"}, AlsoOnTarget: true, Sources: "pathfinding.cloud"},
}

// newResource is the ARN prefix of what the actor creates for an action
// it needs on a resource of its own choosing (the name is the actor's):
// any Allow that can match some ARN under it counts, and only a Deny
// covering every ARN under it stops the actor.
func newResource(action, partition, region, account string) string {
	svc, op, _ := cut(strings.ToLower(action), ':')
	arn := func(svc, region, rest string) string {
		return "arn:" + partition + ":" + svc + ":" + region + ":" + account + ":" + rest
	}
	switch svc {
	case "iam":
		if strings.Contains(op, "instanceprofile") {
			return arn("iam", "", "instance-profile/")
		}
		return arn("iam", "", "policy/")
	case "lambda":
		return arn("lambda", region, "function:")
	case "ec2":
		if op == "createlaunchtemplate" {
			return arn("ec2", region, "launch-template/")
		}
		return arn("ec2", region, "instance/")
	case "cloudformation":
		return arn("cloudformation", region, "stack/")
	case "glue":
		switch op {
		case "createdevendpoint":
			return arn("glue", region, "devEndpoint/")
		case "createtrigger":
			return arn("glue", region, "trigger/")
		}
		return arn("glue", region, "job/")
	case "datapipeline":
		return arn("datapipeline", region, "pipeline/")
	case "codebuild":
		return arn("codebuild", region, "project/")
	case "sagemaker":
		switch op {
		case "createtrainingjob":
			return arn("sagemaker", region, "training-job/")
		case "createprocessingjob":
			return arn("sagemaker", region, "processing-job/")
		}
		return arn("sagemaker", region, "notebook-instance/")
	case "ecs":
		if op == "createservice" {
			return arn("ecs", region, "service/")
		}
		return arn("ecs", region, "task-definition/")
	case "apprunner":
		return arn("apprunner", region, "service/")
	case "autoscaling":
		if op == "createlaunchconfiguration" {
			return arn("autoscaling", region, "launchConfiguration:")
		}
		return arn("autoscaling", region, "autoScalingGroup:")
	}
	return arn(svc, region, "")
}

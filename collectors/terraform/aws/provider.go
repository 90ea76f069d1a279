package aws

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// Name is the AWS provider's local name in plans.
const Name = "aws"

// CodeOwnAccountUnknown: neither the config nor the plan names the account
// the resources live in.
const CodeOwnAccountUnknown = "OwnAccountUnknown"

// Provider maps the aws_* resources of a plan into one snapshot.AWSAccount.
type Provider struct {
	accountIDs []string
}

// New returns the AWS provider. accountIDs are the config's
// aws.account_ids: the first is every plan's own account, ahead of the
// provider block's allowed_account_ids.
func New(accountIDs []string) *Provider {
	return &Provider{accountIDs: accountIDs}
}

// Name is "aws".
func (p *Provider) Name() string { return Name }

// Mappers lists the resource types read from plans. Principals, policies
// and settings are created first; attachments, memberships, inline
// policies and keys connect them once every principal is known.
func (p *Provider) Mappers() map[string]tf.Mapper {
	// Every resource puts its account in the snapshot, even one that
	// holds nothing but the resource (an SCP of the management account).
	mapper := func(phase tf.Phase, fn func(*builder, tf.Instance)) tf.Mapper {
		return tf.Mapper{Phase: phase, Map: func(m *tf.Mapping, in tf.Instance) {
			b := p.builder(m)
			b.acct(in)
			fn(b, in)
		}}
	}
	create := func(fn func(*builder, tf.Instance)) tf.Mapper { return mapper(tf.Create, fn) }
	connect := func(fn func(*builder, tf.Instance)) tf.Mapper { return mapper(tf.Connect, fn) }
	return map[string]tf.Mapper{
		// IAM (iam.go, attach.go, password.go)
		"aws_iam_user":                    create((*builder).mapUser),
		"aws_iam_group":                   create((*builder).mapGroup),
		"aws_iam_role":                    create((*builder).mapRole),
		"aws_iam_policy":                  create((*builder).mapPolicy),
		"aws_iam_account_password_policy": create((*builder).mapPasswordPolicy),
		"aws_iam_openid_connect_provider": create((*builder).mapOIDCProvider),
		"aws_iam_user_policy":             connect(mapInline("user")),
		"aws_iam_group_policy":            connect(mapInline("group")),
		"aws_iam_role_policy":             connect(mapInline("role")),
		"aws_iam_user_policy_attachment":  connect(mapAttachment("user")),
		"aws_iam_group_policy_attachment": connect(mapAttachment("group")),
		"aws_iam_role_policy_attachment":  connect(mapAttachment("role")),
		"aws_iam_policy_attachment":       connect((*builder).mapPolicyAttachment),
		"aws_iam_group_membership":        connect((*builder).mapGroupMembership),
		"aws_iam_user_group_membership":   connect((*builder).mapUserGroupMembership),
		"aws_iam_access_key":              connect((*builder).mapAccessKey),
		"aws_iam_user_login_profile":      connect((*builder).mapLoginProfile),
		// Organizations and account settings (org.go)
		"aws_organizations_policy":            create((*builder).mapOrgPolicy),
		"aws_s3_account_public_access_block":  create((*builder).mapPublicAccessBlock),
		"aws_organizations_policy_attachment": connect((*builder).mapOrgPolicyAttachment),
		// Logging and detection (logging.go)
		"aws_cloudtrail":                           create((*builder).mapTrail),
		"aws_guardduty_detector":                   create((*builder).mapDetector),
		"aws_config_configuration_recorder":        create((*builder).mapRecorder),
		"aws_accessanalyzer_analyzer":              create((*builder).mapAnalyzer),
		"aws_config_configuration_recorder_status": connect((*builder).mapRecorderStatus),
		// EC2 (ec2.go) and the compute that runs as a role (compute.go)
		"aws_instance":             create((*builder).mapInstance),
		"aws_launch_template":      create((*builder).mapInstance),
		"aws_lambda_function":      connect((*builder).mapFunction),
		"aws_codebuild_project":    connect((*builder).mapBuildProject),
		"aws_cloudformation_stack": connect((*builder).mapStack),
		"aws_iam_instance_profile": connect((*builder).mapInstanceProfile),
	}
}

// Finish writes the plan's account, its scope and its account-level
// errors; a plan without AWS resources gets nothing.
func (p *Provider) Finish(m *tf.Mapping, s *snapshot.Snapshot) {
	if b := tf.State[builder](m, Name, nil); b != nil {
		b.finish(s)
	}
}

// unknownError is terraform.UnknownError for an AWS service, with the
// data it leaves unknown as its Operation: a control requires
// "service:op" for what it reads (see the Op constants), so only the
// controls that read the unknown value turn ERROR. attr and addr say
// where the value is (the message); resource is whose results it
// concerns.
func unknownError(service, op, attr, addr, resource string) snapshot.CollectionError {
	e := tf.UnknownError(Name, service, attr, addr, resource)
	e.Operation = op
	return e
}

// Operations of the UnknownUntilApply errors on IAM principals: which of
// a principal's data a value unknown until apply leaves unknown, named
// after aws_iam_role's attributes, whatever resource holds the value (an
// attachment's policy_arn is the principal's managed_policy_arns, an
// aws_iam_user_policy's document its inline_policy, a membership its
// groups). The message names the exact attribute and resource.
const (
	// OpTrust: the role's trust policy (read by the trust controls).
	OpTrust = "assume_role_policy"
	// OpInline: one of the principal's inline policies.
	OpInline = "inline_policy"
	// OpManaged: which managed policies the principal has, or one's
	// document.
	OpManaged = "managed_policy_arns"
	// OpBoundary: the principal's permissions boundary.
	OpBoundary = "permissions_boundary"
	// OpGroups: the user's groups (and so their policies).
	OpGroups = "groups"
	// OpCredentials: the user's access keys and password. A live scan
	// reads them from the credential report, so the controls that read
	// them require this operation already.
	OpCredentials = "GetCredentialReport"
)

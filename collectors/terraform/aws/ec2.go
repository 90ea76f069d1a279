package aws

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapInstance reads the instance metadata options of aws_instance and of
// aws_launch_template, which stands for every instance launched from it
// (listed as an instance in state "running": it will be). Without a
// metadata_options block the provider computes the options from the AMI
// and account defaults: they are unknown until apply.
func (b *builder) mapInstance(in tf.Instance) {
	r := b.awsRegion(in)
	e := snapshot.EC2Instance{ID: in.Address, ARN: in.Address, State: "running"}
	if s := in.After.Str("instance_state"); s != "" && !tf.UnknownAt(in.Unknown, "instance_state") {
		e.State = s
	}
	if p := in.After.Str("iam_instance_profile"); p != "" {
		e.InstanceProfileARN = p
	}
	mo := in.After.Blocks("metadata_options")
	switch {
	case len(mo) > 0 && !tf.UnknownAt(in.Unknown, "metadata_options", 0, "http_tokens"):
		e.HTTPTokens = mo[0].StrOr("http_tokens", "optional")
		e.HTTPEndpoint = mo[0].StrOr("http_endpoint", "enabled")
		e.HTTPPutResponseHopLimit = mo[0].IntOr("http_put_response_hop_limit", 0)
	default:
		// Computed by the provider, or (launch template) left to the
		// AMI and account defaults at launch.
		b.m.Fail(unknownError("ec2", "metadata_options", "metadata_options", in.Address, in.Address))
	}
	r.Instances = append(r.Instances, e)
}

package terraform

import (
	"github.com/rampart-sec/rampart/snapshot"
)

func init() {
	register(0, map[string]func(*mapping, instance){
		"aws_instance":        mapInstance,
		"aws_launch_template": mapInstance,
	})
}

// mapInstance reads the instance metadata options of aws_instance and of
// aws_launch_template, which stands for every instance launched from it
// (listed as an instance in state "running": it will be). Without a
// metadata_options block the provider computes the options from the AMI
// and account defaults: they are unknown until apply.
func mapInstance(m *mapping, in instance) {
	b := m.awsAccount()
	r := b.awsRegion(m.region(in))
	e := snapshot.EC2Instance{ID: in.Address, ARN: in.Address, State: "running"}
	if s := str(in.After, "instance_state"); s != "" && !unknownAt(in.Unknown, "instance_state") {
		e.State = s
	}
	if p := str(in.After, "iam_instance_profile"); p != "" {
		e.InstanceProfileARN = p
	}
	mo := blocks(in.After, "metadata_options")
	switch {
	case len(mo) > 0 && !unknownAt(in.Unknown, "metadata_options", 0, "http_tokens"):
		e.HTTPTokens = strOr(mo[0], "http_tokens", "optional")
		e.HTTPEndpoint = strOr(mo[0], "http_endpoint", "enabled")
		e.HTTPPutResponseHopLimit = intOr(mo[0], "http_put_response_hop_limit", 0)
	default:
		// Computed by the provider, or (launch template) left to the
		// AMI and account defaults at launch.
		m.fail(unknownError("ec2", "metadata_options", in.Address, in.Address))
	}
	r.Instances = append(r.Instances, e)
}

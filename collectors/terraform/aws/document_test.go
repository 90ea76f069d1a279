package aws

import (
	"testing"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
)

// readDocument words the parser's verdict for a plan's reviewer: the
// attribute and the resource. A JSON value that is not an object is
// refused, as the live collector refuses it (snapshot/iampolicy).
func TestReadDocument(t *testing.T) {
	const addr = "aws_iam_policy.p"
	for _, tc := range []struct {
		name    string
		after   tf.Values
		unknown any
		doc     string
		err     string
		raw     string
		isUnk   bool
	}{
		{"rendered JSON string", tf.Values{"policy": `{"Statement": [{"Action": "s3:*"}]}`}, nil, `{"Statement":[{"Action":"s3:*"}]}`, "", "", false},
		{"object in a hand-edited plan", tf.Values{"policy": map[string]any{"Version": "2012-10-17"}}, nil, `{"Version":"2012-10-17"}`, "", "", false},
		{"not JSON", tf.Values{"policy": `{"Statement":`}, nil, "", "policy of aws_iam_policy.p is not JSON: unexpected end of JSON input", `{"Statement":`, false},
		{"JSON but not an object", tf.Values{"policy": `["s3:*"]`}, nil, "", "policy of aws_iam_policy.p is not a JSON object", `["s3:*"]`, false},
		{"unknown until apply", tf.Values{}, map[string]any{"policy": true}, "", "policy of aws_iam_policy.p is unknown until apply", "", true},
		{"absent", tf.Values{}, nil, "", "", "", false},
		{"null", tf.Values{"policy": nil}, nil, "", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readDocument(tc.after, tc.unknown, "policy", addr)
			if string(d.Doc) != tc.doc || d.Err != tc.err || d.Raw != tc.raw || d.Unknown != tc.isUnk {
				t.Errorf("got doc %s err %q raw %q unknown %v", d.Doc, d.Err, d.Raw, d.Unknown)
			}
		})
	}
}

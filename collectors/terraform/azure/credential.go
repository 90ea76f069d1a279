package azure

import (
	"time"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// credential reads the validity of an azuread_application_password or
// azuread_service_principal_password. Its key ID is computed, so the
// credential is named by its address. Graph fills what the configuration
// leaves out: the start is the time of creation, the end two years after
// the start. So:
//
//   - start_date given: that; else the time the plan was made (apply is
//     later, so a lifetime counted from it is at most the real one past
//     an explicit end_date, and exact for relative or default ends);
//   - end_date given: that; end_date_relative (azuread 2.x): start plus
//     that duration; neither set: start plus two years (Graph's default);
//   - a date the configuration sets but the plan does not know (a
//     time_rotating, a variable of another resource) is unknown until
//     apply: the credential's results (at resource) are ERROR.
func (b *builder) credential(in tf.Instance, resource, op string) snapshot.AzureCredential {
	c := snapshot.AzureCredential{KeyID: in.Address, DisplayName: known(in, "display_name"), Type: "Password"}
	start := b.m.PlannedAt()
	switch {
	case tf.UnknownAt(in.Unknown, "start_date") && b.m.Sets(in, "start_date"):
		b.unknown(b.tenantID, "graph", op, "start_date", in, resource)
	case in.After.Str("start_date") != "":
		if t, err := time.Parse(time.RFC3339, in.After.Str("start_date")); err == nil {
			start = t.UTC()
		}
	}
	c.Start = &start
	switch {
	case known(in, "end_date") != "":
		if t, err := time.Parse(time.RFC3339, in.After.Str("end_date")); err == nil {
			end := t.UTC()
			c.End = &end
		}
	case known(in, "end_date_relative") != "":
		if d, err := time.ParseDuration(in.After.Str("end_date_relative")); err == nil {
			end := start.Add(d)
			c.End = &end
		}
	case b.m.Sets(in, "end_date") || b.m.Sets(in, "end_date_relative"):
		attr := "end_date"
		if !b.m.Sets(in, "end_date") {
			attr = "end_date_relative"
		}
		b.unknown(b.tenantID, "graph", op, attr, in, resource)
	default:
		end := start.AddDate(2, 0, 0)
		c.End = &end
	}
	return c
}

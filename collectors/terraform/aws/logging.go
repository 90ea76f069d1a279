package aws

import (
	"encoding/json"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapTrail reads aws_cloudtrail with the provider's defaults (logging on,
// global service events on, single-region). Without event_selector or
// advanced_event_selector blocks a trail logs all read and write
// management events, which is what the API then returns.
func (b *builder) mapTrail(in tf.Instance) {
	logging := in.After.BoolOr("enable_logging", true)
	t := snapshot.Trail{
		Name: nameOf(in), ARN: in.Address, HomeRegion: b.region(in),
		MultiRegion:            in.After.BoolOr("is_multi_region_trail", false),
		OrganizationTrail:      in.After.BoolOr("is_organization_trail", false),
		IncludeGlobalEvents:    in.After.BoolOr("include_global_service_events", true),
		LogFileValidation:      in.After.BoolOr("enable_log_file_validation", false),
		KMSKeyID:               in.After.Str("kms_key_id"),
		S3Bucket:               in.After.Str("s3_bucket_name"),
		CloudWatchLogsGroupARN: in.After.Str("cloud_watch_logs_group_arn"),
		IsLogging:              &logging,
	}
	if tf.UnknownAt(in.Unknown, "kms_key_id") {
		// A key created in the same plan: it will be set.
		t.KMSKeyID = "(known after apply)"
	}
	for _, attr := range []string{"enable_logging", "is_multi_region_trail", "enable_log_file_validation", "event_selector", "advanced_event_selector"} {
		if tf.UnknownAt(in.Unknown, attr) {
			b.m.Fail(unknownError("cloudtrail", attr, attr, in.Address, in.Address))
		}
	}
	var sel []map[string]any
	for _, es := range in.After.Blocks("event_selector") {
		sel = append(sel, map[string]any{
			"ReadWriteType":           es.StrOr("read_write_type", "All"),
			"IncludeManagementEvents": es.BoolOr("include_management_events", true),
			"DataResources":           dataResources(es),
			"ExcludeManagementEventSources": func() []string {
				return es.Strs("exclude_management_event_sources")
			}(),
		})
	}
	adv := in.After.Blocks("advanced_event_selector")
	switch {
	case len(adv) > 0:
		t.AdvancedEventSelectors = advancedSelectors(adv)
	case len(sel) > 0:
		t.EventSelectors, _ = json.Marshal(sel)
	default:
		t.EventSelectors = json.RawMessage(`[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}]`)
	}
	a := b.acct(in)
	a.trails = append(a.trails, t)
}

func dataResources(es tf.Values) []map[string]any {
	out := []map[string]any{}
	for _, dr := range es.Blocks("data_resource") {
		out = append(out, map[string]any{"Type": dr.Str("type"), "Values": dr.Strs("values")})
	}
	return out
}

// advancedSelectors renders advanced_event_selector blocks in the API's
// shape: {Name, FieldSelectors: [{Field, Equals, ...}]}.
func advancedSelectors(adv []tf.Values) json.RawMessage {
	var out []map[string]any
	for _, a := range adv {
		var fs []map[string]any
		for _, f := range a.Blocks("field_selector") {
			e := map[string]any{"Field": f.Str("field")}
			for attr, key := range map[string]string{"equals": "Equals", "not_equals": "NotEquals", "starts_with": "StartsWith", "not_starts_with": "NotStartsWith", "ends_with": "EndsWith", "not_ends_with": "NotEndsWith"} {
				if v := f.Strs(attr); len(v) > 0 {
					e[key] = v
				}
			}
			fs = append(fs, e)
		}
		out = append(out, map[string]any{"Name": a.Str("name"), "FieldSelectors": fs})
	}
	b, _ := json.Marshal(out)
	return b
}

// mapDetector: a detector is enabled unless enable = false.
func (b *builder) mapDetector(in tf.Instance) {
	status := "ENABLED"
	if !in.After.BoolOr("enable", true) {
		status = "DISABLED"
	}
	if tf.UnknownAt(in.Unknown, "enable") {
		b.m.Fail(unknownError("guardduty", "enable", "enable", in.Address, b.accountARN(b.accountOf(in))))
	}
	r := b.awsRegion(in)
	r.GuardDutyDetectors = append(r.GuardDutyDetectors, snapshot.GuardDutyDetector{ID: in.Address, Status: status})
}

// mapRecorder: a recorder records only once an
// aws_config_configuration_recorder_status with is_enabled = true starts
// it (mapped in phase 1).
func (b *builder) mapRecorder(in tf.Instance) {
	rg := in.After.Blocks("recording_group")
	all, global := true, false
	if len(rg) > 0 {
		all = rg[0].BoolOr("all_supported", true)
		global = rg[0].BoolOr("include_global_resource_types", false)
	}
	r := b.awsRegion(in)
	r.ConfigRecorders = append(r.ConfigRecorders, snapshot.ConfigRecorder{Name: nameOf(in), AllSupported: all, IncludeGlobalResourceTypes: global})
}

func (b *builder) mapRecorderStatus(in tf.Instance) {
	r := b.awsRegion(in)
	name := in.After.Str("name")
	for i := range r.ConfigRecorders {
		rec := &r.ConfigRecorders[i]
		if rec.Name == name || (name == "" && len(r.ConfigRecorders) == 1) {
			rec.Recording = in.After.BoolOr("is_enabled", false)
		}
	}
}

func (b *builder) mapAnalyzer(in tf.Instance) {
	r := b.awsRegion(in)
	name := in.After.Str("analyzer_name")
	if name == "" {
		name = in.Address
	}
	r.AccessAnalyzers = append(r.AccessAnalyzers, snapshot.AccessAnalyzer{Name: name, ARN: in.Address, Type: in.After.StrOr("type", "ACCOUNT"), Status: "ACTIVE"})
}

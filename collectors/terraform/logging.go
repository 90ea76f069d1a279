package terraform

import (
	"encoding/json"

	"github.com/rampart-sec/rampart/snapshot"
)

func init() {
	register(0, map[string]func(*mapping, instance){
		"aws_cloudtrail":                    mapTrail,
		"aws_guardduty_detector":            mapDetector,
		"aws_config_configuration_recorder": mapRecorder,
		"aws_accessanalyzer_analyzer":       mapAnalyzer,
	})
	register(1, map[string]func(*mapping, instance){
		"aws_config_configuration_recorder_status": mapRecorderStatus,
	})
}

// mapTrail reads aws_cloudtrail with the provider's defaults (logging on,
// global service events on, single-region). Without event_selector or
// advanced_event_selector blocks a trail logs all read and write
// management events, which is what the API then returns.
func mapTrail(m *mapping, in instance) {
	b := m.awsAccount()
	logging := boolOr(in.After, "enable_logging", true)
	t := snapshot.Trail{
		Name: nameOf(in), ARN: in.Address, HomeRegion: m.region(in),
		MultiRegion:            boolOr(in.After, "is_multi_region_trail", false),
		OrganizationTrail:      boolOr(in.After, "is_organization_trail", false),
		IncludeGlobalEvents:    boolOr(in.After, "include_global_service_events", true),
		LogFileValidation:      boolOr(in.After, "enable_log_file_validation", false),
		KMSKeyID:               str(in.After, "kms_key_id"),
		S3Bucket:               str(in.After, "s3_bucket_name"),
		CloudWatchLogsGroupARN: str(in.After, "cloud_watch_logs_group_arn"),
		IsLogging:              &logging,
	}
	if unknownAt(in.Unknown, "kms_key_id") {
		// A key created in the same plan: it will be set.
		t.KMSKeyID = "(known after apply)"
	}
	for _, attr := range []string{"enable_logging", "is_multi_region_trail", "enable_log_file_validation", "event_selector", "advanced_event_selector"} {
		if unknownAt(in.Unknown, attr) {
			m.fail(unknownError("cloudtrail", attr, in.Address, in.Address))
		}
	}
	var sel []map[string]any
	for _, es := range blocks(in.After, "event_selector") {
		sel = append(sel, map[string]any{
			"ReadWriteType":           strOr(es, "read_write_type", "All"),
			"IncludeManagementEvents": boolOr(es, "include_management_events", true),
			"DataResources":           dataResources(es),
			"ExcludeManagementEventSources": func() []string {
				return strs(es, "exclude_management_event_sources")
			}(),
		})
	}
	adv := blocks(in.After, "advanced_event_selector")
	switch {
	case len(adv) > 0:
		t.AdvancedEventSelectors = advancedSelectors(adv)
	case len(sel) > 0:
		t.EventSelectors, _ = json.Marshal(sel)
	default:
		t.EventSelectors = json.RawMessage(`[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}]`)
	}
	b.trails = append(b.trails, t)
}

func strOr(m map[string]any, key, def string) string {
	if s := str(m, key); s != "" {
		return s
	}
	return def
}

func dataResources(es map[string]any) []map[string]any {
	out := []map[string]any{}
	for _, dr := range blocks(es, "data_resource") {
		out = append(out, map[string]any{"Type": str(dr, "type"), "Values": strs(dr, "values")})
	}
	return out
}

// advancedSelectors renders advanced_event_selector blocks in the API's
// shape: {Name, FieldSelectors: [{Field, Equals, ...}]}.
func advancedSelectors(adv []map[string]any) json.RawMessage {
	var out []map[string]any
	for _, a := range adv {
		var fs []map[string]any
		for _, f := range blocks(a, "field_selector") {
			e := map[string]any{"Field": str(f, "field")}
			for attr, key := range map[string]string{"equals": "Equals", "not_equals": "NotEquals", "starts_with": "StartsWith", "not_starts_with": "NotStartsWith", "ends_with": "EndsWith", "not_ends_with": "NotEndsWith"} {
				if v := strs(f, attr); len(v) > 0 {
					e[key] = v
				}
			}
			fs = append(fs, e)
		}
		out = append(out, map[string]any{"Name": str(a, "name"), "FieldSelectors": fs})
	}
	b, _ := json.Marshal(out)
	return b
}

// mapDetector: a detector is enabled unless enable = false.
func mapDetector(m *mapping, in instance) {
	b := m.awsAccount()
	status := "ENABLED"
	if !boolOr(in.After, "enable", true) {
		status = "DISABLED"
	}
	if unknownAt(in.Unknown, "enable") {
		m.fail(unknownError("guardduty", "enable", in.Address, b.accountARN()))
	}
	r := b.awsRegion(m.region(in))
	r.GuardDutyDetectors = append(r.GuardDutyDetectors, snapshot.GuardDutyDetector{ID: in.Address, Status: status})
}

// mapRecorder: a recorder records only once an
// aws_config_configuration_recorder_status with is_enabled = true starts
// it (mapped in phase 1).
func mapRecorder(m *mapping, in instance) {
	b := m.awsAccount()
	rg := blocks(in.After, "recording_group")
	all, global := true, false
	if len(rg) > 0 {
		all = boolOr(rg[0], "all_supported", true)
		global = boolOr(rg[0], "include_global_resource_types", false)
	}
	r := b.awsRegion(m.region(in))
	r.ConfigRecorders = append(r.ConfigRecorders, snapshot.ConfigRecorder{Name: nameOf(in), AllSupported: all, IncludeGlobalResourceTypes: global})
}

func mapRecorderStatus(m *mapping, in instance) {
	b := m.awsAccount()
	r := b.awsRegion(m.region(in))
	name := str(in.After, "name")
	for i := range r.ConfigRecorders {
		rec := &r.ConfigRecorders[i]
		if rec.Name == name || (name == "" && len(r.ConfigRecorders) == 1) {
			rec.Recording = boolOr(in.After, "is_enabled", false)
		}
	}
}

func mapAnalyzer(m *mapping, in instance) {
	b := m.awsAccount()
	r := b.awsRegion(m.region(in))
	name := str(in.After, "analyzer_name")
	if name == "" {
		name = in.Address
	}
	r.AccessAnalyzers = append(r.AccessAnalyzers, snapshot.AccessAnalyzer{Name: name, ARN: in.Address, Type: strOr(in.After, "type", "ACCOUNT"), Status: "ACTIVE"})
}

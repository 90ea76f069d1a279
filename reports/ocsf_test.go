package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/results"
)

// ocsfClass is the committed subset of the OCSF 1.3.0 Compliance Finding
// class (testdata/ocsf-1.3.0-compliance_finding.json).
type ocsfClass struct {
	Version string `json:"version"`
	Class   struct {
		UID         int `json:"uid"`
		CategoryUID int `json:"category_uid"`
	} `json:"class"`
	Attributes map[string]ocsfAttr            `json:"attributes"`
	Objects    map[string]map[string]ocsfAttr `json:"objects"`
}

type ocsfAttr struct {
	Requirement string            `json:"requirement"`
	Enum        map[string]string `json:"enum"`
	Caption     string            `json:"caption_attribute"`
	Object      string            `json:"object"`
	IsArray     bool              `json:"is_array"`
}

// UnmarshalJSON skips the non-attribute keys of an object definition
// (at_least_one).
func (a *ocsfAttr) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return nil
	}
	type plain ocsfAttr
	return json.Unmarshal(b, (*plain)(a))
}

func loadOCSFClass(t *testing.T) *ocsfClass {
	raw, err := os.ReadFile("testdata/ocsf-1.3.0-compliance_finding.json")
	if err != nil {
		t.Fatal(err)
	}
	var c ocsfClass
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// validate checks one event against the class: every key is an attribute
// of the class, required attributes are present, enum values are known and
// their caption attributes agree, type_uid is class_uid*100+activity_id,
// and the objects rampart fills carry their required attributes and valid
// enums. It returns every problem found.
func (c *ocsfClass) validate(ev map[string]any) []string {
	var errs []string
	errs = append(errs, c.check("", c.Attributes, ev)...)
	for name, attr := range c.Attributes {
		v, ok := ev[name]
		if !ok || attr.Object == "" {
			continue
		}
		items := []any{v}
		if attr.IsArray {
			arr, ok := v.([]any)
			if !ok {
				errs = append(errs, name+": expected an array")
				continue
			}
			items = arr
		}
		for i, item := range items {
			obj, ok := item.(map[string]any)
			if !ok {
				errs = append(errs, fmt.Sprintf("%s[%d]: expected an object", name, i))
				continue
			}
			errs = append(errs, c.check(name+".", c.Objects[attr.Object], obj)...)
			if attr.Object == "resource_details" && obj["uid"] == nil && obj["name"] == nil {
				errs = append(errs, name+": needs uid or name")
			}
		}
	}
	num := func(k string) int { f, _ := ev[k].(float64); return int(f) }
	if num("type_uid") != num("class_uid")*100+num("activity_id") {
		errs = append(errs, fmt.Sprintf("type_uid %d != class_uid*100+activity_id", num("type_uid")))
	}
	if num("class_uid") != c.Class.UID || num("category_uid") != c.Class.CategoryUID {
		errs = append(errs, "class_uid or category_uid is not the Compliance Finding's")
	}
	if md, _ := ev["metadata"].(map[string]any); md == nil || md["version"] != c.Version {
		errs = append(errs, "metadata.version is not "+c.Version)
	}
	if t, ok := ev["time"].(float64); !ok || t < 1e12 {
		errs = append(errs, "time is not epoch milliseconds")
	}
	return errs
}

func (c *ocsfClass) check(prefix string, attrs map[string]ocsfAttr, obj map[string]any) []string {
	var errs []string
	for k := range obj {
		if _, ok := attrs[k]; !ok && prefix == "" {
			errs = append(errs, "unknown attribute "+k)
		}
	}
	for name, attr := range attrs {
		v, ok := obj[name]
		if attr.Requirement == "required" && !ok {
			errs = append(errs, "missing required "+prefix+name)
		}
		if !ok || attr.Enum == nil {
			continue
		}
		f, isNum := v.(float64)
		caption, known := attr.Enum[strconv.Itoa(int(f))]
		if !isNum || !known {
			errs = append(errs, fmt.Sprintf("%s%s: %v is not in the enum", prefix, name, v))
			continue
		}
		if attr.Caption != "" && obj[attr.Caption] != nil && obj[attr.Caption] != caption {
			errs = append(errs, fmt.Sprintf("%s%s is %q, the caption of %s %v is %q", prefix, attr.Caption, obj[attr.Caption], name, v, caption))
		}
	}
	return errs
}

func ocsfEvents(t *testing.T, out []byte) []map[string]any {
	var evs []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev map[string]any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("line %d is not one JSON object: %v", len(evs)+1, err)
		}
		evs = append(evs, ev)
	}
	return evs
}

func TestOCSFValidAgainstTheClass(t *testing.T) {
	class := loadOCSFClass(t)
	var b bytes.Buffer
	rep := auditReport()
	if err := (&OCSF{Options: auditOptions()}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, filepath.Join("testdata", "report.ocsf.jsonl"), b.Bytes())
	evs := ocsfEvents(t, b.Bytes())
	if len(evs) != len(rep.Results) {
		t.Fatalf("%d events for %d results", len(evs), len(rep.Results))
	}
	for i, ev := range evs {
		for _, e := range class.validate(ev) {
			t.Errorf("event %d (%s): %s", i, rep.Results[i].Control, e)
		}
	}
}

// The validator rejects what the class forbids, or the test above could
// not fail.
func TestOCSFValidatorCatches(t *testing.T) {
	class := loadOCSFClass(t)
	var b bytes.Buffer
	if err := (&OCSF{}).Write(&b, auditReport()); err != nil {
		t.Fatal(err)
	}
	good := ocsfEvents(t, b.Bytes())[0]
	for _, tc := range []struct {
		name   string
		break_ func(ev map[string]any)
		want   string
	}{
		{"missing finding_info", func(ev map[string]any) { delete(ev, "finding_info") }, "missing required finding_info"},
		{"unknown attribute", func(ev map[string]any) { ev["findings"] = 1 }, "unknown attribute findings"},
		{"severity out of enum", func(ev map[string]any) { ev["severity_id"] = 7.0 }, "severity_id: 7 is not in the enum"},
		{"caption disagrees", func(ev map[string]any) { ev["severity"] = "Low" }, "the caption of severity_id"},
		{"type_uid", func(ev map[string]any) { ev["type_uid"] = 200302.0 }, "type_uid 200302"},
		{"compliance without standards", func(ev map[string]any) { delete(ev["compliance"].(map[string]any), "standards") }, "missing required compliance.standards"},
		{"compliance status out of enum", func(ev map[string]any) { ev["compliance"].(map[string]any)["status_id"] = 4.0 }, "compliance.status_id: 4"},
		{"finding without uid", func(ev map[string]any) { delete(ev["finding_info"].(map[string]any), "uid") }, "missing required finding_info.uid"},
		{"seconds, not milliseconds", func(ev map[string]any) { ev["time"] = 1793534400.0 }, "epoch milliseconds"},
	} {
		ev := map[string]any{}
		raw, _ := json.Marshal(good)
		json.Unmarshal(raw, &ev)
		tc.break_(ev)
		errs := strings.Join(class.validate(ev), "; ")
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, errs, tc.want)
		}
	}
}

func TestOCSFStatusMapping(t *testing.T) {
	var b bytes.Buffer
	rep := auditReport()
	if err := (&OCSF{}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	got := map[results.Status][]string{}
	for i, ev := range ocsfEvents(t, b.Bytes()) {
		c := ev["compliance"].(map[string]any)
		got[rep.Results[i].Status] = append(got[rep.Results[i].Status], fmt.Sprintf("%v/%v", c["status"], ev["status"]))
		if uid := ev["finding_info"].(map[string]any)["uid"]; uid != rep.Results[i].ID {
			t.Errorf("finding_info.uid %v, want the result ID %s", uid, rep.Results[i].ID)
		}
	}
	for st, want := range map[results.Status]string{
		results.Fail: "Fail/New", results.Error: "Warning/New", results.Waived: "Fail/Suppressed", results.Pass: "Pass/Resolved",
	} {
		vals := got[st]
		sort.Strings(vals)
		if len(vals) == 0 || vals[0] != want || vals[len(vals)-1] != want {
			t.Errorf("%s → %v, want %s", st, vals, want)
		}
	}
}

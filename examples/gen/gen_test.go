package main

import (
	"bytes"
	"fmt"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// The committed example must be what the generator writes, so its
// expectations file can be trusted to describe it.
func TestCommittedExampleIsCurrent(t *testing.T) {
	snap, expected, err := Render(Build())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]byte{"aws-org.json": snap, "aws-org.expected.json": expected} {
		got, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/%s is stale: run go run ./examples/gen", name)
		}
	}
}

// Every planted misconfiguration is a FAIL and every clean resource a PASS,
// as a real evaluation of the committed example with its config says.
func TestExampleMeetsItsExpectations(t *testing.T) {
	raw, err := os.ReadFile("../aws-org.json")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Decode("aws-org.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	e := enginetest.New(t, enginetest.LoadConfig(t, "../rampart.yaml"))
	rs := enginetest.Evaluate(t, e, snap, raw)
	key := func(control, resource, region string) string { return control + " " + resource + " " + region }
	got := map[string]results.Result{}
	for _, r := range rs {
		got[key(r.Control, r.Resource, r.Region)] = r
	}
	w := Build()
	for _, x := range w.Expect {
		r, ok := got[key(x.Control, x.Resource, x.Region)]
		switch {
		case x.Status == "" && ok:
			t.Errorf("%s %s %s: want no result (%s), got %s: %s", x.Control, x.Resource, x.Region, x.Why, r.Status, r.Message)
		case x.Status != "" && !ok:
			t.Errorf("%s %s %s: want %s (%s), got no result", x.Control, x.Resource, x.Region, x.Status, x.Why)
		case ok && r.Status != x.Status:
			t.Errorf("%s %s %s: want %s (%s), got %s: %s", x.Control, x.Resource, x.Region, x.Status, x.Why, r.Status, r.Message)
		}
	}
	// Each control evaluated has a planted FAIL and a clean PASS.
	for _, c := range e.Controls() {
		if c.Provider != "aws" {
			continue
		}
		var have []string
		for _, x := range w.Expect {
			if x.Control == c.ID {
				have = append(have, string(x.Status))
			}
		}
		joined := fmt.Sprint(have)
		if !strings.Contains(joined, "FAIL") || !strings.Contains(joined, "PASS") {
			t.Errorf("%s: the example plants no FAIL and PASS pair for it (has %v)", c.ID, have)
		}
	}
}

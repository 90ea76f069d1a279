package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print rampart's version and the OPA version it embeds",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintf(c.OutOrStdout(), "rampart %s\n", versionString())
			return nil
		},
	}
}

// versionString is rampart's version and the OPA it embeds: the version
// set with -ldflags, else the module version `go install module@vX`
// records, else the commit the binary was built from (with its date, and
// "modified" when the tree had uncommitted changes), as Go stamps it.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return orUnknown(version) + " (OPA unknown)"
	}
	return describeBuild(version, info)
}

// describeBuild is versionString for given build information.
func describeBuild(set string, info *debug.BuildInfo) string {
	v := set
	if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		var rev, at string
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		switch {
		case rev == "":
			v = "devel (built without version control information)"
		default:
			var notes []string
			if at != "" {
				notes = append(notes, at)
			}
			if modified {
				notes = append(notes, "modified")
			}
			v = "devel " + rev
			if len(notes) > 0 {
				v += " (" + strings.Join(notes, ", ") + ")"
			}
		}
	}
	opa := "unknown"
	for _, d := range info.Deps {
		if d.Path == "github.com/open-policy-agent/opa" {
			opa = d.Version
		}
	}
	return fmt.Sprintf("%s (OPA %s)", v, opa)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// shortVersion is the version written into snapshots and reports: the
// one set with -ldflags or recorded by `go install module@vX`, else
// "dev". It leaves out the commit so that the same input gives the same
// output from any build of the same release.
func shortVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

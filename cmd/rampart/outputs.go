package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// outputFlags are the flags of any command that name files it writes.
var outputFlags = []string{"output", "snapshot", "metrics-file"}

// refuseOverwritingInputs fails a command, before it does anything, when
// a file it would write is one it reads: `-o plan.json` over the plan,
// the config, the waivers, the baseline, or --snapshot and --output
// naming one file. Every other string flag that names an existing file,
// and every argument, counts as an input, so a cloud's own file flags
// (--gaad, exports) are covered without being listed here.
func refuseOverwritingInputs(c *cobra.Command, args []string) error {
	type named struct{ flag, path string }
	var outs, ins []named
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Changed {
			return
		}
		isOut := false
		for _, o := range outputFlags {
			isOut = isOut || f.Name == o
		}
		var values []string
		switch v := f.Value.(type) {
		case pflag.SliceValue:
			values = v.GetSlice()
		default:
			if f.Value.Type() == "string" {
				values = []string{f.Value.String()}
			}
		}
		for _, p := range values {
			if p == "" || p == "-" {
				continue
			}
			if isOut {
				outs = append(outs, named{"--" + f.Name, p})
			} else {
				ins = append(ins, named{"--" + f.Name, p})
			}
		}
	})
	for _, a := range args {
		ins = append(ins, named{"input", a})
	}
	for i, o := range outs {
		for _, in := range ins {
			if samePath(o.path, in.path) {
				return fmt.Errorf("%s %s is also the %s %s: refusing to overwrite an input", o.flag, o.path, in.flag, in.path)
			}
		}
		for _, other := range outs[i+1:] {
			if samePath(o.path, other.path) {
				return fmt.Errorf("%s and %s both name %s: give each output its own file", o.flag, other.flag, o.path)
			}
		}
	}
	return nil
}

// samePath reports whether a and b name one file: the same existing file
// (links included), or the same place for files not yet written. Devices
// and other non-regular files (/dev/stdout) are never "the same input":
// writing to them replaces nothing.
func samePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return sa.Mode().IsRegular() && os.SameFile(sa, sb)
	}
	return errA != nil && errB != nil && absClean(a) == absClean(b)
}

func absClean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/history/render"
)

// queryOptions are the flags of the commands that read the history store.
type queryOptions struct {
	store  string
	format string
	output string
}

func (o *queryOptions) register(fs *pflag.FlagSet, formats bool) {
	fs.StringVar(&o.store, "store", "", "the history store: a SQLite FILE or a postgres:// DSN (default: $"+history.EnvStore+", else ~/.local/share/rampart/history.db)")
	if formats {
		fs.StringVarP(&o.format, "format", "f", "table", "output format: "+strings.Join(render.Formats, ", "))
		fs.StringVarP(&o.output, "output", "o", "", "write to FILE (replaced only once complete) instead of stdout")
	}
}

// open checks the format and opens the store.
func (o *queryOptions) open(ctx context.Context) (history.Store, error) {
	if o.format != "" {
		if err := render.Check(o.format); err != nil {
			return nil, err
		}
	}
	dsn := o.store
	if dsn == "" {
		dsn = os.Getenv(history.EnvStore)
	}
	return history.Open(ctx, dsn)
}

// write renders in memory, then writes to stdout or --output.
func (o *queryOptions) write(c *cobra.Command, fn func(b *bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		return err
	}
	return writeOutput("--output", o.output, c.OutOrStdout(), b.Bytes())
}

func newHistoryCmd() *cobra.Command {
	var o queryOptions
	var limit int
	var since string
	c := &cobra.Command{
		Use:   "history",
		Short: "List the stored scans, newest first, with counts by status and severity",
		Long: "List the scans recorded with --store, newest first. A sharded run (--run ID --shard i/n) is one line,\n" +
			"marked incomplete with the missing shards until every shard is in.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if limit < 0 {
				return fmt.Errorf("--limit must be 0 (all) or more")
			}
			f := history.Filter{}
			if since != "" {
				t, err := parseDay("--since", since)
				if err != nil {
					return err
				}
				f.Since = t
			}
			st, err := o.open(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			scans, err := st.Scans(c.Context(), f)
			if err != nil {
				return err
			}
			runs := history.Runs(scans)
			if limit > 0 && len(runs) > limit {
				runs = runs[:limit]
			}
			return o.write(c, func(b *bytes.Buffer) error { return render.Runs(b, o.format, runs) })
		},
	}
	o.register(c.Flags(), true)
	c.Flags().IntVar(&limit, "limit", 20, "show the newest N scans (0: all)")
	c.Flags().StringVar(&since, "since", "", "only scans collected on or after DATE (YYYY-MM-DD)")
	return c
}

func newDiffCmd() *cobra.Command {
	var o queryOptions
	c := &cobra.Command{
		Use:   "diff [A] [B]",
		Short: "What changed between two stored scans: new, resolved, still open, changed severity",
		Long: "Compare two stored scans (IDs from `rampart history`, or run IDs). With no argument: the latest scan and the\n" +
			"previous scan of the same scopes; with one: that scan and its previous one. A finding the newer scan could not\n" +
			"decide (ERROR, WAIVED, account not scanned) is listed as undecided, never as resolved.",
		Args: cobra.MaximumNArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			var refs []history.Ref
			for _, a := range args {
				r, err := history.ParseRef(a)
				if err != nil {
					return err
				}
				refs = append(refs, r)
			}
			st, err := o.open(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			a, b, err := diffRefs(c.Context(), st, refs)
			if err != nil {
				return err
			}
			d, err := st.Diff(c.Context(), a, b)
			if err != nil {
				return err
			}
			return o.write(c, func(buf *bytes.Buffer) error { return render.Diff(buf, o.format, d) })
		},
	}
	o.register(c.Flags(), true)
	return c
}

// diffRefs fills in the scans a diff compares when fewer than two are
// named: B defaults to the latest run, A to B's previous of the same scopes.
func diffRefs(ctx context.Context, st history.Store, refs []history.Ref) (history.Ref, history.Ref, error) {
	if len(refs) == 2 {
		return refs[0], refs[1], nil
	}
	var b history.Ref
	if len(refs) == 1 {
		b = refs[0]
	} else {
		scans, err := st.Scans(ctx, history.Filter{})
		if err != nil {
			return b, b, err
		}
		runs := history.Runs(scans)
		for _, r := range runs {
			if r.Complete() {
				b = r.Ref
				break
			}
		}
		if b.IsZero() {
			return b, b, fmt.Errorf("no complete scan stored yet (rampart scan … --store)")
		}
	}
	a, ok, err := st.Previous(ctx, b)
	if err != nil {
		return a, b, err
	}
	if !ok {
		return a, b, fmt.Errorf("scan %s: no earlier stored scan of the same scopes to compare with (name two scans: rampart diff A B)", b)
	}
	return a, b, nil
}

func newTrendCmd() *cobra.Command {
	var o queryOptions
	var days int
	var from, to string
	c := &cobra.Command{
		Use:   "trend",
		Short: "Open FAIL findings per day by severity, and mean time to remediate per severity",
		Long: "For each day of the window (UTC), the FAIL findings open at its end: per scope, those of its latest scan.\n" +
			"MTTR: for the findings resolved in the window, the time from when each was opened (or reopened) to the\n" +
			"first scan that found it gone or passing.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			w, err := trendWindow(days, from, to, time.Now())
			if err != nil {
				return err
			}
			st, err := o.open(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			tr, err := st.Trend(c.Context(), w)
			if err != nil {
				return err
			}
			return o.write(c, func(b *bytes.Buffer) error { return render.Trend(b, o.format, tr) })
		},
	}
	o.register(c.Flags(), true)
	c.Flags().IntVar(&days, "days", 30, "the window: the last N days, today included")
	c.Flags().StringVar(&from, "from", "", "first day of the window (YYYY-MM-DD; instead of --days)")
	c.Flags().StringVar(&to, "to", "", "last day of the window (YYYY-MM-DD; default today)")
	return c
}

func trendWindow(days int, from, to string, now time.Time) (history.Window, error) {
	end := now
	if to != "" {
		t, err := parseDay("--to", to)
		if err != nil {
			return history.Window{}, err
		}
		end = t
	}
	if from == "" {
		if days < 1 || days > 3660 {
			return history.Window{}, fmt.Errorf("--days %d: expected 1 to 3660", days)
		}
		return history.LastDays(end, days), nil
	}
	start, err := parseDay("--from", from)
	if err != nil {
		return history.Window{}, err
	}
	if end.Before(start) {
		return history.Window{}, fmt.Errorf("--from %s is after --to %s", from, end.Format(time.DateOnly))
	}
	return history.Window{From: start, To: end}, nil
}

func parseDay(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%s %q: expected a date such as 2026-01-31", flag, s)
	}
	return t, nil
}

func newStoreCmd() *cobra.Command {
	c := &cobra.Command{Use: "store", Short: "Maintain the history store"}
	var o queryOptions
	var keep string
	prune := &cobra.Command{
		Use:   "prune --keep AGE",
		Short: "Delete scans older than AGE (e.g. 90d) and findings resolved before then; open findings stay",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			age, err := parseAge(keep)
			if err != nil {
				return err
			}
			st, err := o.open(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			cutoff := time.Now().Add(-age)
			p, err := st.Prune(c.Context(), cutoff)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "pruned %d scans and %d resolved findings collected or resolved before %s\n",
				p.Scans, p.Findings, cutoff.UTC().Format(time.DateTime))
			return nil
		},
	}
	o.register(prune.Flags(), false)
	prune.Flags().StringVar(&keep, "keep", "", "keep this much history: Nd (days), Nw (weeks) or a Go duration such as 720h")
	c.AddCommand(prune)
	return c
}

// parseAge reads --keep: days and weeks, which Go durations lack, or a
// Go duration.
func parseAge(s string) (time.Duration, error) {
	bad := fmt.Errorf("--keep %q: expected an age such as 90d, 12w or 720h", s)
	if s == "" {
		return 0, fmt.Errorf("--keep is required: how much history to keep, such as 90d")
	}
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		v, err := strconv.Atoi(n)
		if err != nil {
			return 0, bad
		}
		d = time.Duration(v) * 24 * time.Hour
	} else if n, ok := strings.CutSuffix(s, "w"); ok {
		v, err := strconv.Atoi(n)
		if err != nil {
			return 0, bad
		}
		d = time.Duration(v) * 7 * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, bad
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("--keep %q: must be more than zero (pruning everything is not what --keep is for)", s)
	}
	return d, nil
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vethub/vethub/synth"
)

const genUsage = `usage: vethub gen --persons N --out DIR [--seed S] [--noise LEVEL] [--jobs M] [--today YYYY-MM-DD] [--workers W]

Generate synthetic department feeds with ground truth, for testing linkage,
hardship rules and job matching. The same flags always give byte-identical
files; nothing depends on the wall clock or the number of workers. Dates are
relative to --today, which must not lie after the real date for vethub import
to accept the asOf dates.

Files written to DIR (the feed format of DESIGN.md, for vethub import):
  veteran.ndjson   veteran registry (建档立卡) records
  civil.ndjson     civil affairs (民政) records
  health.ndjson    health (卫健/医保) records
  jobs.ndjson      job postings
and the ground truth, which vethub import never reads:
  truth/records.ndjson   department, sourceId, personKey and noise tags of every record
  truth/persons.ndjson   the true identity of every person
  truth/hardship.ndjson  planted hardship situations with their evidence
  truth/jobs.ndjson      good job matches (grade 1..3) for unemployed veterans
  truth/params.json      the parameters used (低保 standards, thresholds, rates)

Flags:
`

// runGen implements "vethub gen".
func runGen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), genUsage)
		fs.PrintDefaults()
	}
	cfg, out, err := parseGenFlags(fs, args)
	if err != nil {
		return err
	}
	st, err := synth.GenerateContext(ctx, cfg, out)
	if err != nil {
		return err
	}
	printGenSummary(os.Stderr, out, st)
	return nil
}

// parseGenFlags reads the flags into a synth.Config and the output folder.
func parseGenFlags(fs *flag.FlagSet, args []string) (synth.Config, string, error) {
	persons := fs.Int("persons", 0, "number of persons to generate (required)")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output `folder` (required; created if missing)")
	noise := fs.String("noise", "default", "identity error `level`: a share 0..1, or none, low (0.05), default (0.15), high (0.35)")
	jobs := fs.Int("jobs", 0, "job postings (default persons/10, at least 20)")
	today := fs.String("today", synth.DefaultToday.Format(time.DateOnly), "reference `date` for ages and recency")
	workers := fs.Int("workers", 0, "generating goroutines (default GOMAXPROCS; never changes the output)")
	if err := fs.Parse(args); err != nil {
		return synth.Config{}, "", err
	}
	if fs.NArg() > 0 {
		return synth.Config{}, "", usagef("unexpected argument %q", fs.Arg(0))
	}
	if *persons < 1 || *out == "" {
		return synth.Config{}, "", usagef("--persons (at least 1) and --out are required; see vethub gen -h")
	}
	level, err := synth.ParseNoise(*noise)
	if err != nil {
		return synth.Config{}, "", usagef("%v", err)
	}
	t, err := time.Parse(time.DateOnly, *today)
	if err != nil {
		return synth.Config{}, "", usagef("--today %q: want YYYY-MM-DD", *today)
	}
	cfg := synth.Config{Persons: *persons, Jobs: *jobs, Seed: *seed, Noise: level, Today: t, Workers: *workers}
	return cfg, *out, nil
}

func printGenSummary(w io.Writer, out string, st synth.Stats) {
	fmt.Fprintf(w, "gen: %d persons → %s: veteran %d, civil %d, health %d, jobs %d records (%d duplicates); truth: %d hardship, %d job matches; %s\n",
		st.Persons, out, st.Veteran, st.Civil, st.Health, st.Jobs, st.Duplicates, st.Hardship, st.JobMatches,
		st.Elapsed.Round(time.Millisecond))
}

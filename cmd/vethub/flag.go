package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/flagging"
)

const flagUsage = `usage: vethub flag --all [--today YYYY-MM-DD] [flags]

Re-evaluates the hardship rules (the active rule set: vethub rules show)
for every person and stores their flags: a person newly flagged gets a
case (or their open case is updated); a person whose case was closed or
dismissed on the same evidence gets none. The follow-up job of every
ingest does the same for the persons it touched; run this after loading
a new rule set. Idempotent.

--today evaluates as of that day (ages, recent discharges, payments in the
last year), e.g. the reference date of generated data.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runFlag(ctx context.Context, args []string) error {
	var c config
	fls := flag.NewFlagSet("flag", flag.ContinueOnError)
	c.bindDatabase(fls)
	all := fls.Bool("all", false, "re-evaluate every person (required)")
	today := fls.String("today", "", "evaluate as of this date (YYYY-MM-DD); default today")
	fls.Usage = func() { fmt.Fprint(fls.Output(), flagUsage); fls.PrintDefaults() }
	if err := c.parse(fls, args); err != nil {
		return err
	}
	if !*all || fls.NArg() > 0 {
		fls.Usage()
		return errUsage
	}
	var o flagging.Options
	if *today != "" {
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fmt.Errorf("--today: want YYYY-MM-DD: %w", err)
		}
		o.Today = t
	}
	return withStore(ctx, c, func(store *db.Store) error { return flagAll(ctx, store, o, os.Stdout) })
}

func flagAll(ctx context.Context, store *db.Store, o flagging.Options, out io.Writer) error {
	start := time.Now()
	svc := flagging.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), o)
	res, err := svc.EvaluateAll(ctx, nil)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(out, "evaluated %d persons with rule set %s in %s (%.0f persons/s): %d flags, %d cases opened\n",
		res.Persons, res.RuleSet, took.Round(time.Millisecond), float64(res.Persons)/took.Seconds(), res.Flags, len(res.Opened))
	return nil
}

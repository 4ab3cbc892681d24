package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/statsfold"
)

const statsUsage = `usage: vethub stats fold [--rebuild] [--workers N]

Brings the dashboard counters (what the stats query and vethub report read)
up to date: folds every person and job posting changed since the last fold.
The server does this on its own every quarter second; this command is for
a hub loaded while no server ran, and for rebuilding.

  --rebuild  empty the counters and build them again from every person and
             posting (also done automatically when a new vethub counts
             differently)

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runStats(ctx context.Context, args []string) error {
	return runSubcommand(ctx, "stats", statsUsage, []subcommand{{"fold", runStatsFold}}, args)
}

func runStatsFold(ctx context.Context, args []string) error {
	var c config
	fs := subcommandFlags("stats", "fold", statsUsage, &c)
	rebuild := fs.Bool("rebuild", false, "empty the counters and fold everything again")
	workers := fs.Int("workers", 2, "transactions folding at once")
	batch := fs.Int("batch", 5000, "persons and postings folded per transaction")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *workers < 1 {
		return usagef("stats fold takes no arguments and --workers ≥ 1")
	}
	store, err := db.Open(ctx, c.databaseURL, int32(*workers+1))
	if err != nil {
		return err
	}
	defer store.Close()
	f := statsfold.New(store, quietLogger()).WithBatch(*batch)
	start := time.Now()
	if *rebuild {
		err = f.Reset(ctx)
	} else {
		err = f.Ensure(ctx)
	}
	if err != nil {
		return err
	}
	n, err := foldParallel(ctx, f, *workers)
	if err == nil && n > 0 {
		err = store.StatsVacuum(ctx)
	}
	fmt.Fprintf(os.Stderr, "folded %d persons and postings in %.1f s\n", n, time.Since(start).Seconds())
	return err
}

// foldParallel folds with several transactions at once; marks are taken
// with SKIP LOCKED, so they share the work.
func foldParallel(ctx context.Context, f *statsfold.Folder, workers int) (int, error) {
	var mu sync.Mutex
	var total int
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			n, err := f.FoldPending(ctx)
			mu.Lock()
			defer mu.Unlock()
			total += n
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	wg.Wait()
	return total, firstErr
}

// quietLogger logs warnings and errors only, to stderr.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

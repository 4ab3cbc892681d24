package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
)

const importUsage = `usage: vethub import --department veteran|civil|health|jobs [flags] FILE

Loads an NDJSON feed (one record per line, the keys of the feed format in the
README) into the hub. Lines are validated; a bad line is reported with its
line number, key and reason and does not stop the others. Records are
upserted by department and sourceId: an older sourceVersion never overwrites a
newer one, so importing the same file again changes nothing. FILE "-" reads
standard input. After loading, import links the new records to persons and
waits for that to finish (unless --no-wait).

Environment: DATABASE_URL (overridden by --database-url); GOGC (default 200
here, not Go's 100) and GOMEMLIMIT tune the garbage collector.

Flags:
`

// importGCPercent is the garbage collector's target unless GOGC is set.
// The records of the chunks in flight are most of the heap and all of it is
// garbage soon after. Veteran feed, 3 runs each: at Go's 100, 31.0k
// lines/s and 300 MB peak RSS; at 200, 33.7k and 364 MB; at 400, 29.3k and
// 461 MB (a larger heap costs page faults the fewer collections do not
// save).
const importGCPercent = 200

func runImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dept := fs.String("department", "", "veteran, civil, health or jobs (required)")
	dbURL := fs.String("database-url", envOr("DATABASE_URL", defaultDatabaseURL), "PostgreSQL URL")
	chunk := fs.Int("chunk", 10000, "lines per transaction")
	workers := fs.Int("workers", 3, "chunks validated and stored at once")
	noWait := fs.Bool("no-wait", false, "return once stored; leave linkage to a running server")
	quiet := fs.Bool("quiet", false, "no progress bar")
	fs.Usage = func() { fmt.Fprint(fs.Output(), importUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *dept == "" {
		fs.Usage()
		return errUsage
	}
	gcPercentDefault(importGCPercent)
	in, size, err := openInput(fs.Arg(0))
	if err != nil {
		return err
	}
	defer in.Close()
	store, err := db.Open(ctx, *dbURL, int32(*workers+3))
	if err != nil {
		return err
	}
	defer store.Close()
	o := importOptions{chunk: *chunk, workers: *workers, wait: !*noWait, progress: !*quiet, out: os.Stderr}
	ctx = ingest.WithActor(ctx, cliActor("vethub import "+fs.Arg(0)))
	return importFeed(ctx, store, *dept, in, size, o)
}

type importOptions struct {
	chunk, workers int
	wait, progress bool
	out            io.Writer // problems, summary and progress
}

func importFeed(ctx context.Context, store *db.Store, dept string, in io.Reader, size int64, o importOptions) error {
	queue, err := jobs.New(store, quietLogger(), jobs.Config{Work: o.wait})
	if err != nil {
		return err
	}
	bar := newBar(size, o.progress)
	opts := ingest.FileOptions{ChunkSize: o.chunk, Workers: o.workers,
		OnProblem: func(p ingest.LineProblem) { printProblem(o.out, p) },
		OnChunk:   func(_ int, stored int64) { bar.Set64(stored) }} // stored, not read: reading runs ahead
	start := time.Now()
	svc := ingest.New(store, queue)
	var rep ingest.FileReport
	if strings.EqualFold(dept, "jobs") {
		rep, err = svc.ImportPostings(ctx, in, opts)
	} else {
		d, derr := feed.ParseDepartment(dept)
		if derr != nil {
			return fmt.Errorf("--department: %w", derr)
		}
		rep, err = svc.ImportRecords(ctx, d, in, opts)
	}
	bar.Finish()
	if err != nil {
		return err
	}
	stored := time.Since(start)
	printReport(o.out, dept, rep, stored)
	if rep.Summary.Created+rep.Summary.Updated > rep.Lines/10+1000 { // a bulk load: plan on fresh statistics
		if err := store.AnalyzeRecords(ctx); err != nil {
			return err
		}
	}
	if !o.wait || len(rep.JobIDs) == 0 {
		return nil
	}
	return waitForLinks(ctx, queue, rep.JobIDs, o.out)
}

func waitForLinks(ctx context.Context, queue *jobs.Queue, ids []int64, out io.Writer) error {
	start := time.Now()
	fmt.Fprintf(out, "linking records to persons (%d jobs)…\n", len(ids))
	if err := queue.Start(ctx); err != nil {
		return err
	}
	defer queue.Stop(context.WithoutCancel(ctx))
	if err := queue.Wait(ctx, ids); err != nil {
		return fmt.Errorf("linking: %w", err)
	}
	fmt.Fprintf(out, "linked to persons in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

func printProblem(w io.Writer, p ingest.LineProblem) {
	for _, e := range p.Errors {
		key := e.Path
		if key == "" {
			key = "(line)"
		}
		fmt.Fprintf(w, "line %d: %s %s: %s: %s\n", p.Line, strings.ToLower(p.Status), key, e.Code, e.Message)
	}
}

func printReport(w io.Writer, dept string, rep ingest.FileReport, took time.Duration) {
	s := rep.Summary
	rate := float64(rep.Lines) / took.Seconds()
	fmt.Fprintf(w, "%s: %d lines in %s (%.0f lines/s): %d created, %d updated, %d unchanged, %d stale, %d rejected\n",
		dept, rep.Lines, took.Round(time.Millisecond), rate, s.Created, s.Updated, s.Unchanged, s.Stale, s.Rejected)
	if len(rep.Warnings) > 0 {
		codes := make([]string, 0, len(rep.Warnings))
		for c, n := range rep.Warnings {
			codes = append(codes, fmt.Sprintf("%s %d", c, n))
		}
		sort.Strings(codes)
		fmt.Fprintf(w, "kept with warnings: %s\n", strings.Join(codes, ", "))
	}
}

func openInput(path string) (io.ReadCloser, int64, error) {
	if path == "-" {
		return io.NopCloser(os.Stdin), -1, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// newBar draws progress on a terminal only; elsewhere it is silent.
func newBar(size int64, want bool) *progressbar.ProgressBar {
	if !want || !term.IsTerminal(int(os.Stderr.Fd())) {
		return progressbar.DefaultBytesSilent(size)
	}
	return progressbar.DefaultBytes(size, "importing")
}

// cliActor is who the command line writes as in the audit log: the system,
// run by the operating-system user.
func cliActor(via string) ingest.Actor {
	name := "system"
	if u := os.Getenv("USER"); u != "" {
		name += ":" + u
	}
	return ingest.Actor{Name: name, Role: "SYSTEM", Via: via}
}

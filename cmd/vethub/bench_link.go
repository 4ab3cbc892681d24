package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/linker"
)

// benchLink writes the feed's records one at a time into the database and
// links each right after, as the follow-up job does, timing the linkage
// alone. The hub needs a trained model (vethub link --all) and should not
// hold the feed's records yet: they are meant to arrive new.
func benchLink(ctx context.Context, c benchConfig) error {
	d, err := feed.ParseDepartment(c.department)
	if err != nil {
		return fmt.Errorf("--department: %w", err)
	}
	store, err := db.Open(ctx, c.dbURL, 4)
	if err != nil {
		return err
	}
	defer store.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.New(store, quiet, jobs.Config{}) // enqueue only: this process links itself
	if err != nil {
		return err
	}
	svc, lk := ingest.New(store, queue), linker.New(store, quiet)
	f, err := os.Open(c.file)
	if err != nil {
		return err
	}
	defer f.Close()
	ctx = ingest.WithActor(ctx, cliActor("vethub bench link"))
	var lat []time.Duration
	moved, first := 0, true
	lr := feed.NewLineReader(f)
	for len(lat) < c.count {
		_, line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		b, err := svc.Records(ctx, []feed.Result{feed.DecodeRecord(d, line)})
		if err != nil {
			return err
		}
		if o := b.Outcomes[0]; o.Status != db.StatusCreated {
			continue // stored before, or rejected: not a new record
		}
		start := time.Now()
		res, err := lk.Link(ctx, []int64{b.Outcomes[0].ID})
		if err != nil {
			return err
		}
		took := time.Since(start)
		if first { // not counted: it loads the model and builds the index
			fmt.Printf("first link (loads the model, builds the index): %s\n", took.Round(time.Millisecond))
			first = false
			continue
		}
		lat = append(lat, took)
		moved += min(res.Relinked, 1)
	}
	reportLinkLatencies(lat, moved)
	return nil
}

func reportLinkLatencies(lat []time.Duration, moved int) {
	if len(lat) == 0 {
		fmt.Println("link: no new records linked (do they exist already?)")
		return
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("link one new record: %d records, p50 %s, p95 %s, p99 %s, max %s; %d joined a person\n",
		len(lat), pct(0.50).Round(10*time.Microsecond), pct(0.95).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), moved)
}

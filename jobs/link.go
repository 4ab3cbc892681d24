package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/riverqueue/river"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/flagging"
	"github.com/vethub/vethub/linker"
)

// LinkArgs is the follow-up of one ingest: the records it wrote (re-linked
// where their version moved past their link) and the persons that existed
// before and gained records (their summaries are refreshed).
type LinkArgs struct {
	RecordIDs []int64 `json:"record_ids"`
	PersonIDs []int64 `json:"person_ids,omitempty"`
}

// Kind names the job in the queue table.
func (LinkArgs) Kind() string { return "link_records" }

type linkWorker struct {
	river.WorkerDefaults[LinkArgs]
	store  *db.Store
	linker *linker.Linker
	flags  *flagging.Service
	log    *slog.Logger
}

// Work re-links the records, first by exact ID number, then with the
// probabilistic linker's newest model, re-evaluates the hardship rules
// for every person the records or links touched (their flags and cases),
// and marks those persons for the dashboard counters (statsfold).
// Every step is idempotent, so a retry after a crash or a deadlock with a
// concurrent re-link is safe.
func (w *linkWorker) Work(ctx context.Context, job *river.Job[LinkArgs]) error {
	res, err := w.store.LinksRefresh(ctx, job.Args.RecordIDs, job.Args.PersonIDs)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	inc, err := w.linker.Link(ctx, job.Args.RecordIDs)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	w.log.Debug("records linked", "job_id", job.ID, "records", res.Records, "relinked", res.Relinked+inc.Relinked,
		"persons_new", res.PersonsNew+inc.PersonsNew, "persons_retired", res.Retired+inc.Retired)
	persons, err := db.PersonsOfRecords(ctx, w.store.Pool, job.Args.RecordIDs)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	touched := unionSorted(persons, res.Touched, inc.Touched)
	ev, err := w.flags.Evaluate(ctx, touched)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	// The dashboard counters follow every person the job touched; retired
	// persons are among them, so their figures leave with them.
	if err := db.StatsMarkPersons(ctx, w.store.Pool, touched); err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	w.log.Debug("persons evaluated", "job_id", job.ID, "persons", ev.Persons, "flags", ev.Flags, "cases_opened", len(ev.Opened))
	return nil
}

// unionSorted merges id lists into one ascending list without repeats.
func unionSorted(lists ...[]int64) []int64 {
	var out []int64
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

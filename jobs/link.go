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
//
// The ids are IDSets, one JSON string each: river indexes its args with
// GIN, where an array would add an entry per id (10,000 for an import
// chunk). Order and repeats carry no meaning to the worker.
type LinkArgs struct {
	Records IDSet `json:"records"`
	Persons IDSet `json:"persons,omitempty"`

	// Deprecated: the arrays jobs were enqueued with before the IDSet
	// fields; no longer written, but a worker still reads them (together
	// with Records and Persons, should both be present) so that jobs
	// already queued are worked. Drop once no such job can be left.
	RecordIDs []int64 `json:"record_ids,omitempty"`
	PersonIDs []int64 `json:"person_ids,omitempty"`
}

// NewLinkArgs encodes the follow-up of records and persons (any order,
// repeats allowed; ids must be positive).
func NewLinkArgs(recordIDs, personIDs []int64) (LinkArgs, error) {
	records, err := NewIDSet(recordIDs)
	if err != nil {
		return LinkArgs{}, fmt.Errorf("record ids: %w", err)
	}
	persons, err := NewIDSet(personIDs)
	if err != nil {
		return LinkArgs{}, fmt.Errorf("person ids: %w", err)
	}
	return LinkArgs{Records: records, Persons: persons}, nil
}

// IDs decodes the records and persons of the job, from whichever fields it
// was enqueued with: each list ascending without repeats. It fails for a
// malformed IDSet.
func (a LinkArgs) IDs() (records, persons []int64, err error) {
	if records, err = a.Records.IDs(); err != nil {
		return nil, nil, fmt.Errorf("args records: %w", err)
	}
	if persons, err = a.Persons.IDs(); err != nil {
		return nil, nil, fmt.Errorf("args persons: %w", err)
	}
	if len(a.RecordIDs) > 0 {
		records = unionSorted(records, a.RecordIDs)
	}
	if len(a.PersonIDs) > 0 {
		persons = unionSorted(persons, a.PersonIDs)
	}
	return records, persons, nil
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
// Args that do not decode cancel the job at once: no retry could mend them.
func (w *linkWorker) Work(ctx context.Context, job *river.Job[LinkArgs]) error {
	recordIDs, personIDs, err := job.Args.IDs()
	if err != nil {
		return river.JobCancel(fmt.Errorf("link job %d: %w", job.ID, err))
	}
	res, err := w.store.LinksRefresh(ctx, recordIDs, personIDs)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	inc, err := w.linker.Link(ctx, recordIDs)
	if err != nil {
		return fmt.Errorf("link job %d: %w", job.ID, err)
	}
	w.log.Debug("records linked", "job_id", job.ID, "records", res.Records, "relinked", res.Relinked+inc.Relinked,
		"persons_new", res.PersonsNew+inc.PersonsNew, "persons_retired", res.Retired+inc.Retired)
	persons, err := db.PersonsOfRecords(ctx, w.store.Pool, recordIDs)
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

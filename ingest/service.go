package ingest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/jobs"
)

// StatusRejected marks an input that failed validation; the other statuses
// are db.StatusCreated, db.StatusUpdated, db.StatusUnchanged, db.StatusStale.
const StatusRejected = "REJECTED"

// Outcome is what happened to one input, in input order.
type Outcome struct {
	Index    int
	SourceID string
	Status   string
	ID       int64 // stored row id; 0 when rejected
	Errors   []feed.FieldError
	Warnings []feed.FieldError
}

// Summary counts outcomes by status.
type Summary struct{ Created, Updated, Unchanged, Stale, Rejected int }

// Add counts one outcome.
func (s *Summary) Add(o Outcome) {
	switch o.Status {
	case db.StatusCreated:
		s.Created++
	case db.StatusUpdated:
		s.Updated++
	case db.StatusUnchanged:
		s.Unchanged++
	case db.StatusStale:
		s.Stale++
	default:
		s.Rejected++
	}
}

// Merge adds another summary's counts.
func (s *Summary) Merge(o Summary) {
	s.Created += o.Created
	s.Updated += o.Updated
	s.Unchanged += o.Unchanged
	s.Stale += o.Stale
	s.Rejected += o.Rejected
}

// Batch is the result of one ingest transaction.
type Batch struct {
	Outcomes []Outcome
	Summary  Summary
	JobID    int64 // the enqueued follow-up job; 0 when nothing was written
}

// Service ingests records and postings.
type Service struct {
	store *db.Store
	queue *jobs.Queue
}

// New builds a Service writing to store and enqueuing follow-up work on queue.
func New(store *db.Store, queue *jobs.Queue) *Service {
	return &Service{store: store, queue: queue}
}

// Records stores the valid ones among results (all of one department) in
// one transaction together with their linkage job, and reports every
// input's outcome. Invalid results are REJECTED; of several inputs with the
// same sourceId only the newest is written, the others are STALE.
func (s *Service) Records(ctx context.Context, results []feed.Result) (Batch, error) {
	in := make([]input[feed.Record], len(results))
	for i, r := range results {
		in[i] = input[feed.Record]{r.Record, r.Record.SourceID, r.Record.SourceVersion, r.Errors, r.Warnings}
	}
	b, err := ingestBatch(ctx, s.store, in, s.storeRecords)
	if err != nil {
		return Batch{}, fmt.Errorf("ingest records: %w", err)
	}
	return b, nil
}

// Postings stores the valid job postings among results, like Records.
// Postings need no linkage, so no job is enqueued.
func (s *Service) Postings(ctx context.Context, results []feed.JobResult) (Batch, error) {
	in := make([]input[feed.Job], len(results))
	for i, r := range results {
		in[i] = input[feed.Job]{r.Job, r.Job.SourceID, r.Job.SourceVersion, r.Errors, r.Warnings}
	}
	storePostings := func(ctx context.Context, tx pgx.Tx, jobs []feed.Job) ([]db.UpsertOutcome, int64, error) {
		outs, err := db.JobPostingsUpsert(ctx, tx, jobs)
		if err != nil {
			return nil, 0, err
		}
		return outs, 0, auditWrite(ctx, tx, "JOBS", outs)
	}
	b, err := ingestBatch(ctx, s.store, in, storePostings)
	if err != nil {
		return Batch{}, fmt.Errorf("ingest postings: %w", err)
	}
	return b, nil
}

// input is one validated item with what ingest needs to know of it.
type input[T any] struct {
	item             T
	sourceID         string
	version          int64
	errors, warnings []feed.FieldError
}

// storeFunc writes items in tx and may enqueue their follow-up job.
type storeFunc[T any] func(context.Context, pgx.Tx, []T) ([]db.UpsertOutcome, int64, error)

// ingestBatch rejects invalid inputs, keeps the newest per sourceId, stores the
// rest in one transaction and reports every input's outcome.
func ingestBatch[T any](ctx context.Context, store *db.Store, in []input[T], write storeFunc[T]) (Batch, error) {
	b := Batch{Outcomes: make([]Outcome, len(in))}
	keep := make([]int, 0, len(in))
	for i, x := range in {
		b.Outcomes[i] = Outcome{Index: i, SourceID: x.sourceID, Errors: x.errors, Warnings: x.warnings}
		if len(x.errors) == 0 {
			keep = append(keep, i)
		} else {
			b.Outcomes[i].Status = StatusRejected
		}
	}
	keep = newestPerSource(keep, b.Outcomes, func(i int) int64 { return in[i].version })
	items := make([]T, len(keep))
	for j, i := range keep {
		items[j] = in[i].item
	}
	err := store.InTx(ctx, func(tx pgx.Tx) error {
		outs, jobID, err := write(ctx, tx, items)
		if err == nil {
			applyOutcomes(b.Outcomes, keep, outs)
			b.JobID = jobID
		}
		return err
	})
	if err != nil {
		return Batch{}, err
	}
	b.Summary = summarize(b.Outcomes)
	return b, nil
}

// storeRecords writes records and enqueues linkage of those written, in tx:
// both commit or neither does.
func (s *Service) storeRecords(ctx context.Context, tx pgx.Tx, recs []feed.Record) ([]db.UpsertOutcome, int64, error) {
	outs, err := db.RecordsUpsert(ctx, tx, recs)
	if err != nil {
		return nil, 0, err
	}
	var written, joined []int64
	seen := map[int64]bool{}
	for _, o := range outs {
		if o.Status == db.StatusCreated || o.Status == db.StatusUpdated {
			written = append(written, o.ID)
		}
		if o.JoinedPerson != 0 && !seen[o.JoinedPerson] {
			seen[o.JoinedPerson] = true
			joined = append(joined, o.JoinedPerson)
		}
	}
	jobID, err := s.queue.LinkTx(ctx, tx, written, joined)
	if err != nil || len(recs) == 0 {
		return outs, jobID, err
	}
	return outs, jobID, auditWrite(ctx, tx, string(recs[0].Department), outs)
}

// applyOutcomes copies the database outcomes onto the inputs they belong to.
func applyOutcomes(outs []Outcome, keep []int, dbOuts []db.UpsertOutcome) {
	for j, o := range dbOuts {
		out := &outs[keep[j]]
		out.Status, out.ID = o.Status, o.ID
		if o.Status == db.StatusStale {
			out.Errors = append(out.Errors, staleError(o))
		}
	}
}

func summarize(outs []Outcome) Summary {
	var s Summary
	for _, o := range outs {
		s.Add(o)
	}
	return s
}

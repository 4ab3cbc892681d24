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
	b := Batch{Outcomes: make([]Outcome, len(results))}
	keep := make([]int, 0, len(results))
	for i, r := range results {
		b.Outcomes[i] = Outcome{Index: i, SourceID: r.Record.SourceID, Errors: r.Errors, Warnings: r.Warnings}
		if r.OK() {
			keep = append(keep, i)
		} else {
			b.Outcomes[i].Status = StatusRejected
		}
	}
	keep = newestPerSource(keep, b.Outcomes, func(i int) int64 { return results[i].Record.SourceVersion })
	recs := make([]feed.Record, len(keep))
	for j, i := range keep {
		recs[j] = results[i].Record
	}
	err := s.store.InTx(ctx, func(tx pgx.Tx) error {
		outs, jobID, err := s.storeRecords(ctx, tx, recs)
		if err == nil {
			applyOutcomes(b.Outcomes, keep, outs)
			b.JobID = jobID
		}
		return err
	})
	if err != nil {
		return Batch{}, fmt.Errorf("ingest records: %w", err)
	}
	b.Summary = summarize(b.Outcomes)
	return b, nil
}

// Postings stores the valid job postings among results, like Records.
// Postings need no linkage, so no job is enqueued.
func (s *Service) Postings(ctx context.Context, results []feed.JobResult) (Batch, error) {
	b := Batch{Outcomes: make([]Outcome, len(results))}
	keep := make([]int, 0, len(results))
	for i, r := range results {
		b.Outcomes[i] = Outcome{Index: i, SourceID: r.Job.SourceID, Errors: r.Errors, Warnings: r.Warnings}
		if r.OK() {
			keep = append(keep, i)
		} else {
			b.Outcomes[i].Status = StatusRejected
		}
	}
	keep = newestPerSource(keep, b.Outcomes, func(i int) int64 { return results[i].Job.SourceVersion })
	postings := make([]feed.Job, len(keep))
	for j, i := range keep {
		postings[j] = results[i].Job
	}
	err := s.store.InTx(ctx, func(tx pgx.Tx) error {
		outs, err := db.JobPostingsUpsert(ctx, tx, postings)
		if err == nil {
			applyOutcomes(b.Outcomes, keep, outs)
		}
		return err
	})
	if err != nil {
		return Batch{}, fmt.Errorf("ingest postings: %w", err)
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
	var written []int64
	for _, o := range outs {
		if o.Status == db.StatusCreated || o.Status == db.StatusUpdated {
			written = append(written, o.ID)
		}
	}
	jobID, err := s.queue.LinkTx(ctx, tx, written)
	return outs, jobID, err
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

package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/flagging"
	"github.com/vethub/vethub/linker"
	"github.com/vethub/vethub/statsfold"
)

// Queue enqueues jobs inside callers' transactions and can run workers.
type Queue struct {
	client  *river.Client[pgx.Tx]
	working bool
	// stopFold ends the stats folder Start runs beside the workers, and
	// folded is closed once it has stopped.
	stopFold context.CancelFunc
	folded   chan struct{}
}

// Config sets how a Queue works jobs.
type Config struct {
	Workers int  // concurrent jobs; 0 means 2
	Work    bool // false: enqueue only (no workers in this process)
	// Today is the date hardship rules judge by; zero means the current
	// date (set for data generated as of a reference date).
	Today time.Time
}

// New builds a queue on the store's pool. With cfg.Work it also holds the
// workers, which run after Start.
func New(store *db.Store, log *slog.Logger, cfg Config) (*Queue, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &linkWorker{store: store, linker: linker.New(store, log),
		flags: flagging.New(store, log, flagging.Options{Today: cfg.Today}), log: log})
	rc := &river.Config{
		Workers:     workers,
		Logger:      log,
		JobTimeout:  10 * time.Minute,
		MaxAttempts: 10,
	}
	if cfg.Work {
		n := cfg.Workers
		if n <= 0 {
			n = 2
		}
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}}
		// Inserts wake workers by LISTEN/NOTIFY; the cooldown bounds the delay.
		rc.FetchCooldown = 20 * time.Millisecond
		rc.FetchPollInterval = 200 * time.Millisecond
	}
	client, err := river.NewClient(riverpgxv5.New(store.Pool), rc)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Queue{client: client, working: cfg.Work}, nil
}

// LinkTx enqueues the follow-up of records written in tx (see LinkArgs) and
// returns the job id; nothing is enqueued when nothing was written.
func (q *Queue) LinkTx(ctx context.Context, tx pgx.Tx, recordIDs, personIDs []int64) (int64, error) {
	if len(recordIDs) == 0 {
		return 0, nil
	}
	args, err := NewLinkArgs(recordIDs, personIDs)
	if err != nil {
		return 0, fmt.Errorf("enqueue link: %w", err)
	}
	res, err := q.client.InsertTx(ctx, tx, args, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue link: %w", err)
	}
	return res.Job.ID, nil
}

// Start runs the workers until Stop. It fails for an enqueue-only queue.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return errors.New("job queue: started without workers")
	}
	return q.client.Start(ctx)
}

// Stop lets running jobs finish (until ctx ends), then stops the workers.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	if q.stopFold != nil {
		q.stopFold()
		<-q.folded
	}
	return q.client.Stop(ctx)
}

// ErrJobFailed reports a job that was discarded or cancelled.
var ErrJobFailed = errors.New("job failed")

// Wait blocks until every job in ids has completed, whichever process works
// it. A job that is retrying keeps Wait waiting (until ctx ends); one that
// was discarded or cancelled fails it.
func (q *Queue) Wait(ctx context.Context, ids []int64) error {
	pending := append([]int64(nil), ids...)
	for len(pending) > 0 {
		job, err := q.client.JobGet(ctx, pending[0])
		if err != nil {
			return fmt.Errorf("job %d: %w", pending[0], err)
		}
		switch job.State {
		case rivertype.JobStateCompleted:
			pending = pending[1:]
			continue
		case rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
			return fmt.Errorf("job %d %s: %w", job.ID, job.State, ErrJobFailed)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}

// Runner is a Queue that works jobs in this process.
type Runner = Queue

// Start builds a working queue with default settings and starts it, with
// the stats folder that keeps the dashboard counters current beside it;
// the serve command uses it.
func Start(ctx context.Context, store *db.Store, log *slog.Logger) (*Runner, error) {
	q, err := New(store, log, Config{Work: true})
	if err != nil {
		return nil, err
	}
	if err := q.Start(ctx); err != nil {
		return nil, fmt.Errorf("job queue start: %w", err)
	}
	foldCtx, stop := context.WithCancel(ctx)
	q.stopFold, q.folded = stop, make(chan struct{})
	go func() {
		defer close(q.folded)
		statsfold.New(store, log).Run(foldCtx, statsFoldInterval)
	}()
	return q, nil
}

// statsFoldInterval is how often marked entities are folded into the
// dashboard counters: with the follow-up job's own delay, figures follow
// an ingest within a second or two.
const statsFoldInterval = 250 * time.Millisecond

package ingest_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
)

// A write whose process dies before any worker ran leaves its linkage job
// in the queue; a worker started later links the records.
func TestFollowUpSurvivesWithoutWorkers(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	enqueueOnly, err := jobs.New(store, quiet, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := ingest.New(store, enqueueOnly).Records(ctx, []feed.Result{
		feed.DecodeRecord(feed.DepartmentVeteran, []byte(rec("v1", 1, "11010519491231002X", "张伟"))),
	})
	if err != nil || b.JobID == 0 {
		t.Fatalf("ingest: job %d, %v", b.JobID, err)
	}
	var linked int
	store.Pool.QueryRow(ctx, "SELECT count(*) FROM source_records WHERE person_id IS NOT NULL").Scan(&linked)
	if linked != 0 {
		t.Fatalf("%d records linked without a worker", linked)
	}
	// "Restart": a new process with workers finds the job.
	worker, err := jobs.New(store, quiet, jobs.Config{Work: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer worker.Stop(context.Background())
	if err := worker.Wait(ctx, []int64{b.JobID}); err != nil {
		t.Fatal(err)
	}
	store.Pool.QueryRow(ctx, "SELECT count(*) FROM source_records WHERE person_id IS NOT NULL").Scan(&linked)
	if linked != 1 {
		t.Fatalf("linked = %d after the worker ran, want 1", linked)
	}
}

// The record and its job commit together: a transaction that fails after
// both were written leaves neither.
func TestRecordAndJobCommitTogether(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	q, err := jobs.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res := feed.DecodeRecord(feed.DepartmentCivil, []byte(rec("c1", 1, "", "李娜")))
	boom := errors.New("crash before commit")
	err = store.InTx(ctx, func(tx pgx.Tx) error {
		outs, jobID, err := ingest.New(store, q).StoreRecordsTx(ctx, tx, []feed.Record{res.Record})
		if err != nil || len(outs) != 1 || jobID == 0 {
			t.Fatalf("upsert in tx: %v", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("tx error = %v", err)
	}
	var records, queued int
	store.Pool.QueryRow(ctx, "SELECT count(*) FROM source_records").Scan(&records)
	store.Pool.QueryRow(ctx, "SELECT count(*) FROM river_job").Scan(&queued)
	if records != 0 || queued != 0 {
		t.Fatalf("after rollback: %d records, %d jobs; want none", records, queued)
	}
}

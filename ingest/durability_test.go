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

// Follow-up work outlives the process that wrote: with no worker running,
// an update that changes a record's identity keeps its old link, and a
// worker started later finds the job and moves the record.
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
	svc := ingest.New(store, enqueueOnly)
	const id = "11010519491231002X"
	var jobIDs []int64
	for _, step := range []struct {
		dept feed.Department
		line string
	}{
		{feed.DepartmentVeteran, rec("v1", 1, id, "张伟")},
		{feed.DepartmentCivil, rec("c1", 1, "", "张伟")},
		{feed.DepartmentCivil, rec("c1", 2, id, "张伟")}, // its ID arrives with an update
	} {
		b, err := svc.Records(ctx, []feed.Result{feed.DecodeRecord(step.dept, []byte(step.line))})
		if err != nil || b.JobID == 0 {
			t.Fatalf("ingest: job %d, %v", b.JobID, err)
		}
		jobIDs = append(jobIDs, b.JobID)
	}
	personOf := func(dept, sourceID string) (pid int64) {
		store.Pool.QueryRow(ctx, "SELECT person_id FROM source_records WHERE department = $1 AND source_id = $2", dept, sourceID).Scan(&pid)
		return pid
	}
	if personOf("CIVIL", "c1") == personOf("VETERAN", "v1") {
		t.Fatal("the update was re-linked without a worker")
	}
	// "Restart": a new process with workers finds the queued jobs.
	worker, err := jobs.New(store, quiet, jobs.Config{Work: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer worker.Stop(context.Background())
	if err := worker.Wait(ctx, jobIDs); err != nil {
		t.Fatal(err)
	}
	if personOf("CIVIL", "c1") != personOf("VETERAN", "v1") {
		t.Fatal("the worker did not move the updated record to its ID's person")
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

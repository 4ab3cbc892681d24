package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
)

func record(sourceID string, version int, id, name string) string {
	idPart := ""
	if id != "" {
		idPart = fmt.Sprintf(`,"idNumber":%q`, id)
	}
	return fmt.Sprintf(`{"sourceId":%q,"sourceVersion":%d,"asOf":"2026-01-05","name":%q,"regionCode":"330824106"%s}`,
		sourceID, version, name, idPart)
}

// Ingest enqueues its ids as id sets (one string each in river_job.args);
// jobs queued before with the old arrays are still worked, and a job whose
// id set is garbled is cancelled at its first attempt with the reason.
func TestLinkJobArgs(t *testing.T) {
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
		dept  feed.Department
		lines []string
	}{
		{feed.DepartmentVeteran, []string{record("v1", 1, id, "张伟"), record("v2", 1, "", "王芳"), record("v3", 1, "", "刘洋")}},
		{feed.DepartmentCivil, []string{record("c1", 1, "", "张伟")}},
		{feed.DepartmentCivil, []string{record("c1", 2, id, "张伟")}}, // its ID arrives with an update
	} {
		var in []feed.Result
		for _, l := range step.lines {
			in = append(in, feed.DecodeRecord(step.dept, []byte(l)))
		}
		b, err := svc.Records(ctx, in)
		if err != nil || b.JobID == 0 {
			t.Fatalf("ingest: job %d, %v", b.JobID, err)
		}
		jobIDs = append(jobIDs, b.JobID)
	}
	recordID := func(dept, sourceID string) (rid, pid int64) {
		err := store.Pool.QueryRow(ctx, "SELECT id, coalesce(person_id, 0) FROM source_records WHERE department = $1 AND source_id = $2",
			dept, sourceID).Scan(&rid, &pid)
		if err != nil {
			t.Fatalf("record %s %s: %v", dept, sourceID, err)
		}
		return rid, pid
	}
	v1, v1Person := recordID("VETERAN", "v1")
	v2, _ := recordID("VETERAN", "v2")
	v3, _ := recordID("VETERAN", "v3")
	c1, _ := recordID("CIVIL", "c1")

	// The args as queued: strings under the new names, no arrays.
	wantRecords := [][]int64{slices.Sorted(slices.Values([]int64{v1, v2, v3})), {c1}, {c1}}
	for i, jobID := range jobIDs {
		var raw []byte
		var types string
		err := store.Pool.QueryRow(ctx, `SELECT args, (SELECT string_agg(k || ':' || jsonb_typeof(v), ',' ORDER BY k)
			FROM jsonb_each(args) AS e(k, v)) FROM river_job WHERE id = $1`, jobID).Scan(&raw, &types)
		if err != nil {
			t.Fatal(err)
		}
		if types != "records:string" && types != "persons:string,records:string" {
			t.Fatalf("job %d args %s: want only id set strings", jobID, raw)
		}
		var args jobs.LinkArgs
		if err := json.Unmarshal(raw, &args); err != nil {
			t.Fatal(err)
		}
		records, persons, err := args.IDs()
		if err != nil {
			t.Fatalf("job %d args %s: %v", jobID, raw, err)
		}
		if !slices.Equal(records, wantRecords[i]) {
			t.Fatalf("job %d args %s: records %v, want %v", jobID, raw, records, wantRecords[i])
		}
		// Rewrite the job as it was queued before id sets.
		old, err := json.Marshal(map[string][]int64{"record_ids": records, "person_ids": persons})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Pool.Exec(ctx, "UPDATE river_job SET args = $2 WHERE id = $1", jobID, old); err != nil {
			t.Fatal(err)
		}
	}

	// A job whose id set was garbled.
	var garbled int64
	err = store.InTx(ctx, func(tx pgx.Tx) error {
		garbled, err = enqueueOnly.LinkTx(ctx, tx, []int64{v2, v3}, nil)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE river_job SET args = '{"records":"12-x,13"}' WHERE id = $1`, garbled)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if _, c1Person := recordID("CIVIL", "c1"); c1Person == v1Person {
		t.Fatal("the update was re-linked without a worker")
	}
	worker, err := jobs.New(store, quiet, jobs.Config{Work: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer worker.Stop(context.Background())
	if err := worker.Wait(ctx, jobIDs); err != nil {
		t.Fatalf("old-format jobs: %v", err)
	}
	if _, c1Person := recordID("CIVIL", "c1"); c1Person != v1Person {
		t.Fatal("the old-format job did not move the updated record to its ID's person")
	}

	if err := worker.Wait(ctx, []int64{garbled}); !errors.Is(err, jobs.ErrJobFailed) {
		t.Fatalf("garbled job: Wait = %v, want ErrJobFailed", err)
	}
	var state, reason string
	var attempt int
	err = store.Pool.QueryRow(ctx, "SELECT state, attempt, errors[array_upper(errors, 1)]->>'error' FROM river_job WHERE id = $1",
		garbled).Scan(&state, &attempt, &reason)
	if err != nil {
		t.Fatal(err)
	}
	if state != "cancelled" || attempt != 1 || !strings.Contains(reason, "malformed id set") || strings.Contains(reason, "panic") {
		t.Fatalf("garbled job: %s after %d attempts, error %q; want cancelled at once for a malformed id set", state, attempt, reason)
	}
}

package statsfold_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/stats"
	"github.com/vethub/vethub/statsfold"
	"github.com/vethub/vethub/synth"
)

// A hub loaded through ingest, with its counters folded.
func loadedHub(t *testing.T, persons int) (*ingesttest.Hub, *statsfold.Folder) {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: persons, Seed: 3, Noise: synth.NoiseDefault}, dir); err != nil {
		t.Fatal(err)
	}
	h := ingesttest.NewHub(t, synth.DefaultToday)
	for _, dept := range []string{"veteran", "civil", "health", "jobs"} {
		h.Load(t, dir, dept)
	}
	f := statsfold.New(h.Store, ingesttest.Quiet)
	if err := f.Ensure(context.Background()); err != nil {
		t.Fatal(err)
	}
	fold(t, f)
	return h, f
}

func fold(t *testing.T, f *statsfold.Folder) int {
	t.Helper()
	n, err := f.FoldPending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// storedCounters reads every non-zero counter.
func storedCounters(t *testing.T, store *db.Store) map[stats.Key]int64 {
	t.Helper()
	rows, _ := store.Pool.Query(context.Background(), `SELECT region, month, metric, dim, value FROM stats_counters WHERE value <> 0`)
	out := map[stats.Key]int64{}
	var k stats.Key
	var m int32
	var v int64
	_, err := pgx.ForEachRow(rows, []any{&k.Region, &m, &k.Metric, &k.Dim, &v}, func() error {
		k.Month = stats.Month(m)
		out[k] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// freshCounters computes every counter from scratch: all current persons'
// and postings' facts, summed, without the stored facts.
func freshCounters(t *testing.T, store *db.Store) map[stats.Key]int64 {
	t.Helper()
	ctx := context.Background()
	out := map[stats.Key]int64{}
	add := func(f stats.Facts) {
		for _, it := range stats.Delta(stats.Facts{}, f) {
			out[it.Key] += it.Value
		}
	}
	err := pgx.BeginFunc(ctx, store.Pool, func(tx pgx.Tx) error {
		persons := ids(t, tx, `SELECT id FROM persons WHERE merged_into IS NULL`)
		inputs, err := db.StatsPersonInputs(ctx, tx, persons)
		if err != nil {
			return err
		}
		for id, in := range inputs {
			f, err := stats.PersonFactsOf(*in)
			if err != nil {
				return fmt.Errorf("person %d: %w", id, err)
			}
			add(f)
		}
		postings, err := db.StatsPostingFacts(ctx, tx, ids(t, tx, `SELECT id FROM job_postings`))
		for _, f := range postings {
			add(f)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range out {
		if v == 0 {
			delete(out, k)
		}
	}
	return out
}

func ids(t *testing.T, tx pgx.Tx, sql string) []int64 {
	rows, _ := tx.Query(context.Background(), sql)
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameCounters(t *testing.T, store *db.Store, when string) {
	t.Helper()
	stored, fresh := storedCounters(t, store), freshCounters(t, store)
	bad := 0
	for k, v := range fresh {
		if stored[k] != v && bad < 10 {
			bad++
			t.Errorf("%s: %+v is %d, from scratch %d", when, k, stored[k], v)
		}
	}
	for k, v := range stored {
		if _, ok := fresh[k]; !ok && bad < 10 {
			bad++
			t.Errorf("%s: %+v is %d, from scratch none", when, k, v)
		}
	}
	if len(fresh) == 0 {
		t.Fatalf("%s: no counters", when)
	}
}

// The counters kept by folding marked changes equal counters computed from
// scratch: after a load, and after case work, a merge and new records.
func TestFoldedCountersMatchRecount(t *testing.T) {
	t.Parallel()
	h, f := loadedHub(t, 300)
	ctx := context.Background()
	sameCounters(t, h.Store, "after load")

	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := h.Store.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Case work: one case closed, one dismissed, a payment and a referral.
	var open []int64
	err := pgx.BeginFunc(ctx, h.Store.Pool, func(tx pgx.Tx) error {
		open = ids(t, tx, `SELECT id FROM cases WHERE status = 'OPEN' ORDER BY id LIMIT 3`)
		return nil
	})
	if err != nil || len(open) < 3 {
		t.Fatalf("want 3 open cases, got %v (%v)", open, err)
	}
	exec(`UPDATE cases SET status = 'CLOSED', closed_at = opened_at + interval '12 days' WHERE id = $1`, open[0])
	exec(`UPDATE cases SET status = 'DISMISSED', dismissed_reason = 'test', closed_at = now() WHERE id = $1`, open[1])
	exec(`INSERT INTO case_actions (case_id, kind, amount, done_on, created_by) VALUES ($1, 'TEMPORARY_ASSISTANCE', 800, current_date, 't')`, open[2])
	exec(`INSERT INTO case_actions (case_id, kind, done_on, created_by) VALUES ($1, 'JOB_REFERRAL', current_date, 't')`, open[2])
	if n := fold(t, f); n < 3 {
		t.Errorf("case work folded %d persons, want at least 3", n)
	}
	sameCounters(t, h.Store, "after case work")

	// A manual merge retires one person into another.
	var a, b int64
	err = h.Store.Pool.QueryRow(ctx, `SELECT min(id), max(id) FROM persons WHERE merged_into IS NULL AND region_code LIKE '3308%'`).Scan(&a, &b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Store.PersonsMerge(ctx, db.Scope{}, []int64{a, b}, db.ManualLink{By: "t", Reason: "test",
		Audit: db.AuditEntry{Actor: "t", Role: "ADMIN", Action: db.AuditWrite}}); err != nil {
		t.Fatal(err)
	}
	fold(t, f)
	sameCounters(t, h.Store, "after a merge")

	// Nothing marked: folding again moves nothing.
	before := storedCounters(t, h.Store)
	if n := fold(t, f); n != 0 {
		t.Errorf("folded %d with nothing marked", n)
	}
	if after := storedCounters(t, h.Store); len(after) != len(before) {
		t.Errorf("counters changed without marks: %d → %d", len(before), len(after))
	}

	// A rebuild from scratch lands on the same counters.
	if err := f.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	fold(t, f)
	sameCounters(t, h.Store, "after a reset")
}

// The headline figure agrees with a direct count.
func TestVeteransOnRecordMatchDirectCount(t *testing.T) {
	t.Parallel()
	h, _ := loadedHub(t, 200)
	ctx := context.Background()
	var direct, counted int64
	err := h.Store.Pool.QueryRow(ctx, `SELECT count(DISTINCT p.id) FROM persons p JOIN source_records r ON r.person_id = p.id
		WHERE p.merged_into IS NULL AND r.department = 'VETERAN' AND p.region_code LIKE '330824%'`).Scan(&direct)
	if err != nil {
		t.Fatal(err)
	}
	err = h.Store.Pool.QueryRow(ctx, `SELECT coalesce(sum(value), 0) FROM stats_counters
		WHERE region = '330824' AND metric = $1 AND dim = ''`, stats.MVeterans).Scan(&counted)
	if err != nil {
		t.Fatal(err)
	}
	if direct == 0 || counted != direct {
		t.Errorf("veterans in 330824: counters %d, direct count %d", counted, direct)
	}
}

// The server's workers fold on their own: records imported while they run
// are counted without anyone calling FoldPending.
func TestWorkersFoldOnTheirOwn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 50, Seed: 9}, dir); err != nil {
		t.Fatal(err)
	}
	store := dbtest.New(t)
	ctx := context.Background()
	runner, err := jobs.Start(ctx, store, ingesttest.Quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Stop(ctx)
	f, err := os.Open(filepath.Join(dir, "veteran.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	if _, err := ingest.New(store, runner).ImportRecords(ctx, feed.DepartmentVeteran, f, ingest.FileOptions{}); err != nil {
		t.Fatal(err)
	}
	var want int64
	if err := store.Pool.QueryRow(ctx, `SELECT count(DISTINCT person_id) FROM source_records`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	for {
		var counted int64
		err := store.Pool.QueryRow(ctx, `SELECT coalesce(sum(value), 0) FROM stats_counters
			WHERE length(region) = 6 AND region NOT LIKE '%00' AND metric = $1`, stats.MVeterans).Scan(&counted)
		if err != nil {
			t.Fatal(err)
		}
		if counted == want {
			t.Logf("%d veterans counted %s after the import began", counted, time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("after a minute %d of %d veterans are counted", counted, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

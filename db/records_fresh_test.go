package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
)

// lookupSQL marks recordsStored, the per-record lookup a new batch skips.
const lookupSQL = "CROSS JOIN LATERAL"

// TestRecordsNewBatchSkipsLookups checks the first-load path: a batch whose
// sample is not stored is written without per-record lookups; one whose
// unsampled record is stored falls back to the lookups after its write
// stops at that record, with every outcome right and nothing written
// twice; one whose sample is stored takes the lookups at once.
func TestRecordsNewBatchSkipsLookups(t *testing.T) {
	t.Parallel()
	log := &sqlLog{}
	store := dbtest.NewWithTracer(t, log)
	batch := func(prefix string, n int) []feed.Record {
		recs := make([]feed.Record, n)
		for i := range recs {
			recs[i] = decodeRec(t, feed.DepartmentVeteran, fmt.Sprintf("%s-%03d", prefix, i), recOpts{name: "王芳"})
		}
		return recs
	}
	upsert := func(recs []feed.Record) []db.UpsertOutcome {
		t.Helper()
		var out []db.UpsertOutcome
		ctx := context.Background()
		err := store.InTx(ctx, func(tx pgx.Tx) (err error) {
			out, err = db.RecordsUpsert(ctx, tx, recs)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	statuses := func(out []db.UpsertOutcome) map[string]int {
		m := map[string]int{}
		for _, o := range out {
			m[o.Status]++
		}
		return m
	}

	lookups, rollbacks := log.count(lookupSQL), log.count("ROLLBACK TO SAVEPOINT")
	if got := statuses(upsert(batch("A", 40))); got[db.StatusCreated] != 40 {
		t.Fatalf("new batch: %v", got)
	}
	if n := log.count(lookupSQL) - lookups; n != 0 {
		t.Errorf("new batch looked its records up (%d queries)", n)
	}

	// B-001 is not among the 16 records sampled from 40 (every 2.5th).
	b := batch("B", 40)
	upsert(b[1:2])
	lookups = log.count(lookupSQL)
	out := upsert(b)
	if got := statuses(out); got[db.StatusCreated] != 39 || out[1].Status != db.StatusUnchanged {
		t.Fatalf("batch with one stored record: %v, B-001 %s", got, out[1].Status)
	}
	if log.count("ROLLBACK TO SAVEPOINT") == rollbacks || log.count(lookupSQL) == lookups {
		t.Errorf("the stored record did not stop the first write and send the batch to the lookups")
	}
	if n := countRows(t, store, `SELECT count(*) FROM source_records WHERE source_id LIKE 'B-%'`); n != 40 {
		t.Errorf("%d B records stored, want 40", n)
	}
	if n := countRows(t, store, `SELECT count(*) FROM changes WHERE source_id LIKE 'B-%'`); n != 40 {
		t.Errorf("%d B change rows, want 40", n)
	}
	if n := countRows(t, store, `SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM source_records r WHERE r.person_id = p.id)`); n != 0 {
		t.Errorf("%d persons without records", n)
	}

	c := batch("C", 40)
	upsert(c[:1]) // sampled
	savepoints, lookups := log.savepoints(), log.count(lookupSQL)
	if got := statuses(upsert(c)); got[db.StatusCreated] != 39 || got[db.StatusUnchanged] != 1 {
		t.Fatalf("batch with a sampled stored record: %v", got)
	}
	if log.count(lookupSQL) == lookups || log.savepoints() != savepoints {
		t.Errorf("a batch whose sample is stored should go to the lookups without a first write")
	}
}

// TestIDLegacyStored checks that id_legacy follows the record's IDLegacy on
// both write paths: the first write of a new batch and a newer version
// through the staged upsert.
func TestIDLegacyStored(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	recs := make([]feed.Record, 40)
	for i := range recs {
		recs[i] = decodeRec(t, feed.DepartmentHealth, fmt.Sprintf("L-%03d", i), recOpts{name: "王芳"})
	}
	recs[3] = decodeRec(t, feed.DepartmentHealth, "L-003", recOpts{name: "王芳", id: "370986890623212"})
	upsertTx(t, store, recs...)
	legacy := func() string {
		var s string
		store.Pool.QueryRow(context.Background(),
			`SELECT string_agg(source_id, ',' ORDER BY source_id) FROM source_records WHERE id_legacy`).Scan(&s)
		return s
	}
	if got := legacy(); got != "L-003" {
		t.Fatalf("id_legacy after the first write: %q, want L-003", got)
	}
	v2 := decodeRec(t, feed.DepartmentHealth, "L-004", recOpts{name: "王芳", id: "370986890623212"})
	v2.SourceVersion = 2
	upsertTx(t, store, v2)
	if got := legacy(); got != "L-003,L-004" {
		t.Fatalf("id_legacy after a newer version: %q, want L-003,L-004", got)
	}
}

package db_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching"
)

// sqlLog records the SQL of every query on a store's connections.
type sqlLog struct {
	mu   sync.Mutex
	sqls []string
}

func (l *sqlLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	l.sqls = append(l.sqls, d.SQL)
	l.mu.Unlock()
	return ctx
}

func (l *sqlLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// count returns how many queries so far contain sub (case-insensitive).
func (l *sqlLog) count(sub string) int {
	return l.countFunc(func(s string) bool { return strings.Contains(s, strings.ToLower(sub)) })
}

// savepoints returns how many savepoints were opened so far.
func (l *sqlLog) savepoints() int {
	return l.countFunc(func(s string) bool { return strings.HasPrefix(s, "savepoint ") })
}

func (l *sqlLog) countFunc(match func(lowerSQL string) bool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.sqls {
		if match(strings.ToLower(strings.TrimSpace(s))) {
			n++
		}
	}
	return n
}

// placedInsertSQL marks the fallback's statement.
const placedInsertSQL = "ON CONFLICT (id_key) DO NOTHING"

// validID completes first17 with its check character.
func validID(first17 string) string { return first17 + string(matching.IDCheckChar(first17)) }

type recOpts struct{ id, name, sex, birth, asOf string }

func decodeRec(t *testing.T, dept feed.Department, sourceID string, o recOpts) feed.Record {
	t.Helper()
	in := map[string]any{"sourceId": sourceID, "sourceVersion": 1, "asOf": "2026-01-05", "name": o.name, "regionCode": "330824106"}
	for k, v := range map[string]string{"idNumber": o.id, "sex": o.sex, "birthDate": o.birth, "asOf": o.asOf} {
		if v != "" {
			in[k] = v
		}
	}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	res := feed.DecodeRecord(dept, raw)
	if !res.OK() {
		t.Fatalf("record %s: %v", raw, res.Errors)
	}
	if o.id != "" && !res.Record.IDValid {
		t.Fatalf("record %s: ID not valid", raw)
	}
	return res.Record
}

func upsertTx(t *testing.T, store *db.Store, recs ...feed.Record) {
	t.Helper()
	ctx := context.Background()
	err := store.InTx(ctx, func(tx pgx.Tx) error {
		_, err := db.RecordsUpsert(ctx, tx, recs)
		return err
	})
	if err != nil {
		t.Fatalf("upsert: %v", err)
	}
}

type personRow struct {
	ID          int64
	Key         *string
	Name        string
	Sex         *string
	Birth       *time.Time
	IDNumber    *string
	Region      string
	Departments []string
	Count       int32
}

// personOf returns the person of record (dept, sourceID).
func personOf(t *testing.T, store *db.Store, dept, sourceID string) personRow {
	t.Helper()
	var p personRow
	err := store.Pool.QueryRow(context.Background(), `
		SELECT p.id, p.id_key, p.name, p.sex, p.birth_date, p.id_number, p.region_code, p.departments, p.record_count
		FROM source_records r JOIN persons p ON p.id = r.person_id
		WHERE r.department = $1 AND r.source_id = $2`, dept, sourceID).
		Scan(&p.ID, &p.Key, &p.Name, &p.Sex, &p.Birth, &p.IDNumber, &p.Region, &p.Departments, &p.Count)
	if err != nil {
		t.Fatalf("person of %s/%s: %v", dept, sourceID, err)
	}
	return p
}

func countRows(t *testing.T, store *db.Store, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := store.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestCopyTextArray1Int4(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	texts := []string{"VETERAN", "", "张伟 x", `a"b,{c}`}
	ns := []int32{1, 0, -2147483648, 2147483647}
	err := pgx.BeginFunc(ctx, store.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE ta (t text[], n int) ON COMMIT DROP`); err != nil {
			return err
		}
		if err := db.CopyTextArray1Int4(ctx, tx, "ta", texts, ns); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT t, n, array_ndims(t), array_lower(t, 1), t[1] FROM ta`)
		if err != nil {
			return err
		}
		i := 0
		for rows.Next() {
			var arr []string
			var n int32
			var ndims, lower int
			var first string
			if err := rows.Scan(&arr, &n, &ndims, &lower, &first); err != nil {
				return err
			}
			if !slices.Equal(arr, []string{texts[i]}) || n != ns[i] || ndims != 1 || lower != 1 || first != texts[i] {
				t.Errorf("row %d: %q %d (dims %d, lower %d, [1] %q); want {%q} %d", i, arr, n, ndims, lower, first, texts[i], ns[i])
			}
			i++
		}
		if i != len(texts) {
			t.Errorf("%d rows, want %d", i, len(texts))
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// New persons go in with COPY (no fallback): keyed ones, with their summary
// from their best record; singletons; records joining a stored person.
func TestPersonsCreatePlacedCopy(t *testing.T) {
	t.Parallel()
	log := &sqlLog{}
	store := dbtest.NewWithTracer(t, log)
	ctx := context.Background()
	k0, k1, k2 := validID("11010519491231002"), validID("11010519500101003"), validID("33082419601015004")
	upsertTx(t, store, decodeRec(t, feed.DepartmentCivil, "c0", recOpts{id: k0, name: "甲"}))
	before, savepoints := countRows(t, store, `SELECT count(*) FROM persons`), log.savepoints()

	// k2 sorts after k1 but comes first, singletons in between.
	upsertTx(t, store,
		decodeRec(t, feed.DepartmentVeteran, "b1", recOpts{id: k2, name: "丁"}),
		decodeRec(t, feed.DepartmentVeteran, "a1", recOpts{id: k1, name: "甲甲", sex: "M", birth: "1950-01-01", asOf: "2026-01-05"}),
		decodeRec(t, feed.DepartmentVeteran, "s1", recOpts{name: "丙", sex: "F"}),
		decodeRec(t, feed.DepartmentVeteran, "a2", recOpts{id: k1, name: "乙", sex: "F", birth: "1950-01-02", asOf: "2026-02-01"}),
		decodeRec(t, feed.DepartmentVeteran, "j1", recOpts{id: k0, name: "甲"}),
		decodeRec(t, feed.DepartmentVeteran, "s2", recOpts{name: "戊"}),
	)
	if n := log.count(placedInsertSQL); n != 0 {
		t.Errorf("the INSERT fallback ran %d times without a race", n)
	}
	if n := log.savepoints() - savepoints; n != 1 {
		t.Errorf("%d savepoints for a batch with keys, want 1", n)
	}
	if got := countRows(t, store, `SELECT count(*) FROM persons`) - before; got != 4 {
		t.Errorf("%d persons created, want 4 (k1, k2, 2 singletons)", got)
	}

	a1, a2 := personOf(t, store, "VETERAN", "a1"), personOf(t, store, "VETERAN", "a2")
	if a1.ID != a2.ID {
		t.Fatalf("records of one key in persons %d and %d", a1.ID, a2.ID)
	}
	wantBirth := time.Date(1950, 1, 2, 0, 0, 0, 0, time.UTC)
	if a1.Key == nil || *a1.Key != k1 || a1.Name != "乙" || a1.Sex == nil || *a1.Sex != "F" ||
		a1.Birth == nil || !a1.Birth.Equal(wantBirth) || a1.IDNumber == nil || *a1.IDNumber != k1 ||
		a1.Region != "330824106" || !slices.Equal(a1.Departments, []string{"VETERAN"}) || a1.Count != 2 {
		t.Errorf("person of k1 = %+v; want key and id number %s, the newer record's summary (乙, F, 1950-01-02), {VETERAN}, 2 records", a1, k1)
	}
	if b1 := personOf(t, store, "VETERAN", "b1"); b1.Key == nil || *b1.Key != k2 || b1.Name != "丁" || b1.Sex != nil ||
		b1.Birth != nil || b1.Count != 1 || !slices.Equal(b1.Departments, []string{"VETERAN"}) {
		t.Errorf("person of k2 = %+v", b1)
	}
	s1, s2 := personOf(t, store, "VETERAN", "s1"), personOf(t, store, "VETERAN", "s2")
	if s1.ID == s2.ID || s1.Key != nil || s1.IDNumber != nil || s1.Name != "丙" || s1.Sex == nil || *s1.Sex != "F" || s1.Count != 1 || s2.Key != nil || s2.Name != "戊" {
		t.Errorf("singletons = %+v, %+v", s1, s2)
	}
	if j1, c0 := personOf(t, store, "VETERAN", "j1"), personOf(t, store, "CIVIL", "c0"); j1.ID != c0.ID {
		t.Errorf("j1 in person %d, not the stored person %d of its key", j1.ID, c0.ID)
	}
	if n := countRows(t, store, `SELECT count(*) FROM changes c JOIN source_records r ON r.id = c.record_id
		WHERE c.person_id IS DISTINCT FROM r.person_id`); n != 0 {
		t.Errorf("%d change rows not on their record's person", n)
	}
	// The ids written were drawn from the identity: a person inserted now
	// gets a fresh one.
	if _, err := store.Pool.Exec(ctx, `INSERT INTO persons (name) VALUES ('x')`); err != nil {
		t.Errorf("insert after COPY: %v", err)
	}

	// A batch of singletons only takes no savepoint.
	savepoints = log.savepoints()
	upsertTx(t, store,
		decodeRec(t, feed.DepartmentHealth, "h1", recOpts{name: "己"}),
		decodeRec(t, feed.DepartmentHealth, "h2", recOpts{name: "庚"}))
	if n := log.savepoints() - savepoints; n != 0 {
		t.Errorf("%d savepoints for a batch of singletons, want 0", n)
	}
	if h := personOf(t, store, "HEALTH", "h2"); h.Key != nil || h.Name != "庚" || h.Count != 1 || !slices.Equal(h.Departments, []string{"HEALTH"}) {
		t.Errorf("singleton = %+v", h)
	}
}

// Two transactions create a person for the same new ID number. The second
// one's COPY waits for the first; when the first commits, that COPY fails
// on the key, the fallback inserts the rest and moves the second batch's
// records and changes to the first one's person. When the first rolls
// back, the COPY goes through.
func TestPersonsCreatePlacedRace(t *testing.T) {
	t.Parallel()
	for _, firstCommits := range []bool{true, false} {
		name := "first commits"
		if !firstCommits {
			name = "first rolls back"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testPersonsRace(t, firstCommits)
		})
	}
}

func testPersonsRace(t *testing.T, firstCommits bool) {
	log := &sqlLog{}
	store := dbtest.NewWithTracer(t, log)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The second batch copies k3 (locked first, as it sorts before k), then
	// waits on k.
	k, k2, k3 := validID("32010219700101005"), validID("11010519491231002"), validID("21010219800101006")

	txA, err := store.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer txA.Rollback(ctx)
	if _, err := db.RecordsUpsert(ctx, txA, []feed.Record{
		decodeRec(t, feed.DepartmentVeteran, "v1", recOpts{id: k, name: "张伟", sex: "M", asOf: "2026-03-01"}),
		decodeRec(t, feed.DepartmentVeteran, "v2", recOpts{id: k2, name: "王芳"}),
	}); err != nil {
		t.Fatalf("first batch: %v", err)
	}

	txB, err := store.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer txB.Rollback(ctx)
	pidB := txB.Conn().PgConn().PID()
	recsB := []feed.Record{
		decodeRec(t, feed.DepartmentCivil, "c1", recOpts{id: k, name: "张伟", asOf: "2026-01-01"}),
		decodeRec(t, feed.DepartmentCivil, "c2", recOpts{id: k3, name: "李娜"}),
		decodeRec(t, feed.DepartmentCivil, "c3", recOpts{name: "赵敏"}),
	}
	doneB := make(chan error, 1)
	go func() {
		_, err := db.RecordsUpsert(ctx, txB, recsB)
		doneB <- err
	}()

	// The second batch's COPY of persons waits on the first's key.
	for waiting := false; !waiting; {
		select {
		case err := <-doneB:
			t.Fatalf("second batch finished before the first ended: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		if err := store.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE pid = $1 AND wait_event_type = 'Lock' AND query LIKE 'COPY "persons"%')`, pidB).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	if firstCommits {
		err = txA.Commit(ctx)
	} else {
		err = txA.Rollback(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := <-doneB; err != nil {
		t.Fatalf("second batch: %v", err)
	}
	if err := txB.Commit(ctx); err != nil {
		t.Fatalf("second commit: %v", err)
	}

	c1, c2, c3 := personOf(t, store, "CIVIL", "c1"), personOf(t, store, "CIVIL", "c2"), personOf(t, store, "CIVIL", "c3")
	if c2.Key == nil || *c2.Key != k3 || c2.Count != 1 || !slices.Equal(c2.Departments, []string{"CIVIL"}) {
		t.Errorf("person of k3 = %+v", c2)
	}
	if c3.Key != nil || c3.Name != "赵敏" || c3.Count != 1 {
		t.Errorf("singleton = %+v", c3)
	}
	if n := countRows(t, store, `SELECT count(*) FROM persons WHERE id_key = $1`, k); n != 1 {
		t.Errorf("%d persons keyed on k, want 1", n)
	}
	if n := countRows(t, store, `SELECT count(*) FROM changes c JOIN source_records r ON r.id = c.record_id
		WHERE c.person_id IS DISTINCT FROM r.person_id`); n != 0 {
		t.Errorf("%d change rows not on their record's person", n)
	}
	changesC1 := countRows(t, store, `SELECT count(*) FROM changes WHERE source_id = 'c1'`)
	if changesC1 == 0 {
		t.Error("no change rows for c1")
	}
	if n := countRows(t, store, `SELECT count(*) FROM changes c JOIN persons p ON p.id = c.person_id
		WHERE c.source_id = 'c1' AND p.id_key = $1`, k); n != changesC1 {
		t.Errorf("%d of %d change rows of c1 on the person of its key", n, changesC1)
	}
	if n := countRows(t, store, `SELECT count(*) FROM source_records r LEFT JOIN persons p ON p.id = r.person_id WHERE p.id IS NULL`); n != 0 {
		t.Errorf("%d records on no person", n)
	}
	fallbacks := log.count(placedInsertSQL)

	if !firstCommits {
		if fallbacks != 0 {
			t.Errorf("fallback ran %d times although the first batch rolled back", fallbacks)
		}
		if c1.Key == nil || *c1.Key != k || c1.Count != 1 || !slices.Equal(c1.Departments, []string{"CIVIL"}) {
			t.Errorf("person of k = %+v; want the second batch's, 1 CIVIL record", c1)
		}
		if n := countRows(t, store, `SELECT count(*) FROM persons`); n != 3 {
			t.Errorf("%d persons, want 3", n)
		}
		return
	}
	if fallbacks != 1 {
		t.Errorf("fallback ran %d times, want 1", fallbacks)
	}
	v1 := personOf(t, store, "VETERAN", "v1")
	if c1.ID != v1.ID {
		t.Fatalf("c1 in person %d, v1 in %d: want one person", c1.ID, v1.ID)
	}
	if c1.Key == nil || *c1.Key != k || c1.Count != 2 || !slices.Equal(c1.Departments, []string{"CIVIL", "VETERAN"}) ||
		c1.Name != "张伟" || c1.Sex == nil || *c1.Sex != "M" {
		t.Errorf("person of k = %+v; want 2 records, {CIVIL,VETERAN}, the veteran summary", c1)
	}
	if n := countRows(t, store, `SELECT count(*) FROM changes WHERE source_id = 'c1' AND person_id = $1`, v1.ID); n != changesC1 {
		t.Errorf("%d of %d change rows of c1 on the winner %d", n, changesC1, v1.ID)
	}
	// First batch: k, k2; second: k3 and the singleton.
	if n := countRows(t, store, `SELECT count(*) FROM persons`); n != 4 {
		t.Errorf("%d persons, want 4", n)
	}
}

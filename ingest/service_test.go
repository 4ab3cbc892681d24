package ingest_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/matching"
)

// hub is an ingest service with working job queue on a fresh database.
type hub struct {
	store *db.Store
	queue *jobs.Queue
	svc   *ingest.Service
}

func newHub(t *testing.T) hub {
	t.Helper()
	store := dbtest.New(t)
	q, err := jobs.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{Work: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()) })
	return hub{store: store, queue: q, svc: ingest.New(store, q)}
}

// ingest decodes NDJSON lines of one department, ingests them and waits for
// linkage.
func (h hub) ingest(t *testing.T, dept feed.Department, lines ...string) ingest.Batch {
	t.Helper()
	results := make([]feed.Result, len(lines))
	for i, l := range lines {
		results[i] = feed.DecodeRecord(dept, []byte(l))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := h.svc.Records(ctx, results)
	if err != nil {
		t.Fatal(err)
	}
	if b.JobID != 0 {
		if err := h.queue.Wait(ctx, []int64{b.JobID}); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func (h hub) personOf(t *testing.T, dept, sourceID string) int64 {
	t.Helper()
	var pid *int64
	err := h.store.Pool.QueryRow(context.Background(),
		"SELECT person_id FROM source_records WHERE department = $1 AND source_id = $2", dept, sourceID).Scan(&pid)
	if err != nil || pid == nil {
		t.Fatalf("person of %s/%s: %v (linked: %v)", dept, sourceID, err, pid != nil)
	}
	return *pid
}

func rec(sourceID string, version int, id, name string) string {
	idPart := ""
	if id != "" {
		idPart = fmt.Sprintf(`,"idNumber":%q`, id)
	}
	return fmt.Sprintf(`{"sourceId":%q,"sourceVersion":%d,"asOf":"2026-01-05","name":%q,"regionCode":"330824106"%s}`,
		sourceID, version, name, idPart)
}

func TestRecordsOutcomesAndVersions(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	b := h.ingest(t, feed.DepartmentVeteran,
		rec("v1", 2, "11010519491231002X", "张伟"),
		rec("v2", 1, "", "李娜"),
		`{"sourceId":"bad","sourceVersion":1,"asOf":"2026-13-01","name":"王芳","regionCode":"330824"}`,
		rec("v3", 1, "", "赵敏"), rec("v3", 2, "", "赵敏"),
	)
	want := []string{"CREATED", "CREATED", "REJECTED", "STALE", "CREATED"}
	for i, o := range b.Outcomes {
		if o.Status != want[i] {
			t.Errorf("input %d: status %s, want %s (errors %v)", i, o.Status, want[i], o.Errors)
		}
	}
	if e := b.Outcomes[2].Errors; len(e) != 1 || e[0].Path != "asOf" {
		t.Errorf("rejected record errors = %v, want one on asOf", e)
	}
	again := h.ingest(t, feed.DepartmentVeteran,
		rec("v1", 2, "11010519491231002X", "张伟"), // same version, same content
		rec("v2", 0, "", "李娜"),                   // older
		rec("v3", 2, "", "赵敏敏"),                  // same version, other content
		rec("v1", 3, "11010519491231002X", "张伟"), // newer, but duplicate of input 0 in this batch
	)
	want = []string{"STALE", "STALE", "STALE", "UPDATED"}
	codes := []string{"DUPLICATE_IN_BATCH", db.StaleNewerStored, db.StaleVersionConflict, ""}
	for i, o := range again.Outcomes {
		if o.Status != want[i] {
			t.Errorf("second batch input %d: status %s, want %s", i, o.Status, want[i])
		}
		if codes[i] != "" && (len(o.Errors) == 0 || o.Errors[len(o.Errors)-1].Code != codes[i]) {
			t.Errorf("second batch input %d: errors %v, want code %s", i, o.Errors, codes[i])
		}
	}
	unchanged := h.ingest(t, feed.DepartmentVeteran, rec("v1", 3, "11010519491231002X", "张伟"))
	if unchanged.Outcomes[0].Status != "UNCHANGED" || unchanged.JobID != 0 {
		t.Errorf("re-sent record: %s, job %d; want UNCHANGED and no job", unchanged.Outcomes[0].Status, unchanged.JobID)
	}
}

func TestExactIDLinkage(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	const id = "11010519491231002X"
	h.ingest(t, feed.DepartmentVeteran, rec("v1", 1, id, "张伟"))
	h.ingest(t, feed.DepartmentCivil, rec("c1", 1, "110105194912310020", "张伟"), rec("c2", 1, "", "张伟")) // wrong check char; none
	h.ingest(t, feed.DepartmentHealth, rec("h1", 1, "110105491231002", "張偉"))                           // 15-digit legacy form of id
	p := h.personOf(t, "VETERAN", "v1")
	if got := h.personOf(t, "HEALTH", "h1"); got != p {
		t.Errorf("legacy 15-digit ID linked to person %d, want %d", got, p)
	}
	for _, c := range []string{"c1", "c2"} {
		if got := h.personOf(t, "CIVIL", c); got == p {
			t.Errorf("record %s without a valid ID was merged into person %d", c, p)
		}
	}
	if h.personOf(t, "CIVIL", "c1") == h.personOf(t, "CIVIL", "c2") {
		t.Error("two records without valid IDs share a person")
	}
	// c1's ID is corrected: it joins p, and its old person points to p.
	old := h.personOf(t, "CIVIL", "c1")
	h.ingest(t, feed.DepartmentCivil, rec("c1", 2, id, "张伟"))
	if got := h.personOf(t, "CIVIL", "c1"); got != p {
		t.Fatalf("corrected record linked to %d, want %d", got, p)
	}
	var merged *int64
	var depts []string
	ctx := context.Background()
	h.store.Pool.QueryRow(ctx, "SELECT merged_into FROM persons WHERE id = $1", old).Scan(&merged)
	if merged == nil || *merged != p {
		t.Errorf("emptied person %d merged_into %v, want %d", old, merged, p)
	}
	h.store.Pool.QueryRow(ctx, "SELECT departments FROM persons WHERE id = $1", p).Scan(&depts)
	if fmt.Sprint(depts) != "[CIVIL HEALTH VETERAN]" {
		t.Errorf("person departments = %v", depts)
	}
	// Other tests' transactions on the server can hold the feed back.
	links := 0
	for deadline := time.Now().Add(10 * time.Second); links < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		changes, _, err := h.store.ChangesList(ctx, db.Scope{}, db.ChangeCursor{}, db.ChangesListMax, "CIVIL")
		if err != nil {
			t.Fatal(err)
		}
		links = 0
		for _, c := range changes {
			if c.Kind == "LINK" && c.SourceID == "c1" {
				links++
			}
		}
	}
	if links != 2 {
		t.Errorf("LINK changes for c1 = %d, want 2 (first link, move)", links)
	}
}

// validID builds a valid 18-digit ID number for a test person n.
func validID(n int) string {
	first17 := fmt.Sprintf("330824%08d%03d", 19600101+n%28, n%1000)
	return first17 + string(matching.IDCheckChar(first17))
}

func TestConcurrentDepartmentsShareNewIDs(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	const n = 300
	batch := func(dept feed.Department, prefix string) []feed.Result {
		out := make([]feed.Result, n)
		for i := range out {
			out[i] = feed.DecodeRecord(dept, []byte(rec(fmt.Sprintf("%s%d", prefix, i), 1, validID(i), "张伟")))
		}
		return out
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	jobsCh := make(chan int64, 2)
	for _, d := range []struct {
		dept   feed.Department
		prefix string
	}{{feed.DepartmentVeteran, "v"}, {feed.DepartmentCivil, "c"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := h.svc.Records(ctx, batch(d.dept, d.prefix))
			if err != nil {
				t.Error(err)
				return
			}
			jobsCh <- b.JobID
		}()
	}
	wg.Wait()
	close(jobsCh)
	var ids []int64
	for id := range jobsCh {
		ids = append(ids, id)
	}
	if err := h.queue.Wait(ctx, ids); err != nil {
		t.Fatal(err)
	}
	var split, empty int
	h.store.Pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT id_number FROM source_records
		GROUP BY id_number HAVING count(DISTINCT person_id) > 1) x`).Scan(&split)
	h.store.Pool.QueryRow(ctx, `SELECT count(*) FROM persons p WHERE merged_into IS NULL
		AND NOT EXISTS (SELECT 1 FROM source_records r WHERE r.person_id = p.id)`).Scan(&empty)
	if split != 0 || empty != 0 {
		t.Fatalf("%d ID numbers split across persons, %d live persons without records", split, empty)
	}
}

// Two callers sending the same new records at once: one stores each record,
// the other sees it stored (the loser of the insert race runs again), and
// nothing is stored twice or lost.
func TestConcurrentWritersSameRecords(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	const n = 200
	batch := func(version int) []feed.Result {
		out := make([]feed.Result, n)
		for i := range out {
			out[i] = feed.DecodeRecord(feed.DepartmentVeteran, []byte(rec(fmt.Sprintf("s%d", i), version, validID(i), "李娜")))
		}
		return out
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	results := make([]ingest.Batch, 2)
	for w := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := h.svc.Records(ctx, batch(1+w))
			if err != nil {
				t.Error(err)
			}
			results[w] = b
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i := range n {
		a, b := results[0].Outcomes[i].Status, results[1].Outcomes[i].Status
		// Version 1 and version 2 of one record: whichever came first
		// created it; version 2 then updated it, or version 1 was stale.
		ok := a == db.StatusCreated && b == db.StatusUpdated || a == db.StatusStale && b == db.StatusCreated
		if !ok {
			t.Fatalf("record %d: outcomes %s (v1) and %s (v2)", i, a, b)
		}
	}
	var rows, v2, changes int
	h.store.Pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE source_version = 2) FROM source_records`).Scan(&rows, &v2)
	h.store.Pool.QueryRow(ctx, `SELECT count(*) FROM changes WHERE kind = 'RECORD' AND op = 'CREATED'`).Scan(&changes)
	if rows != n || v2 != n || changes != n {
		t.Fatalf("stored %d records (%d at version 2), %d RECORD CREATED changes; want %d each", rows, v2, changes, n)
	}
}

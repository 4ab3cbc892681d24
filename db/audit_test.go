package db_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// auditEntry is a READ_PII entry by actor about person.
func auditEntry(actor string, person int64) db.AuditEntry {
	return db.AuditEntry{ActorTokenID: 7, Actor: actor, Role: "ANALYST", Action: db.AuditReadPII,
		PersonID: person, Fields: []string{"Person.idNumber", "Person.phone"}, Purpose: "case review",
		RequestID: "req-" + actor}
}

// auditSeed appends n entries, alternating actors "ann" and "bob" and
// persons 1 and 2, one call per entry.
func auditSeed(t *testing.T, store *db.Store, n int) {
	t.Helper()
	for i := range n {
		e := auditEntry([]string{"ann", "bob"}[i%2], int64(1+i%2))
		if err := store.AuditRecord(context.Background(), []db.AuditEntry{e}); err != nil {
			t.Fatal(err)
		}
	}
}

func ids(rows []db.AuditRow) []int64 {
	out := []int64{}
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

func positions(rows []db.AuditRow) []db.AuditPos {
	out := []db.AuditPos{}
	for _, r := range rows {
		out = append(out, db.AuditPos{Chain: r.Chain, Seq: r.Seq})
	}
	return out
}

// sumLast is the number of entries in the chains when each is contiguous.
func sumLast(r db.AuditReport) int64 {
	var n int64
	for _, last := range r.LastSeq {
		n += last
	}
	return n
}

func TestAuditChainOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    db.AuditEntry
		want int
	}{
		{db.AuditEntry{PersonID: 1}, 1},
		{db.AuditEntry{PersonID: 33, Department: "HEALTH"}, 1},
		{db.AuditEntry{PersonID: 16}, 0},
		{db.AuditEntry{}, 5}, // FNV-1a of "" is 0x811c9dc5
	}
	for _, tt := range tests {
		if got := db.AuditChainOf(&tt.e); got != tt.want {
			t.Errorf("AuditChainOf(%+v) = %d, want %d", tt.e, got, tt.want)
		}
	}
	// Each department's writes have a chain of their own, so imports of
	// different departments do not wait for each other.
	seen := map[int]string{}
	for _, d := range []string{"VETERAN", "CIVIL", "HEALTH", "JOBS"} {
		c := db.AuditChainOf(&db.AuditEntry{Department: d})
		if other, ok := seen[c]; ok || c < 0 || c >= db.AuditChains {
			t.Errorf("chain of %s = %d, shared with %q", d, c, other)
		}
		seen[c] = d
	}
}

func TestAuditAppendAndList(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	auditSeed(t, store, 6) // ids 1..6: ann/person 1 (chain 1) odd, bob/person 2 (chain 2) even
	write := db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite, Department: "HEALTH",
		Fields: []string{"upsertHealthRecords"}, Detail: "85 records written"}
	noFields := db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite}
	err := store.InTx(ctx, func(tx pgx.Tx) error {
		return db.AuditAppend(ctx, tx, []db.AuditEntry{write, noFields}) // ids 7, 8
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := store.AuditList(ctx, db.AuditFilter{})
	if err != nil || !slices.Equal(ids(all), []int64{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Fatalf("all = %v, %v", ids(all), err)
	}
	// Writes go to their department's chain: HEALTH's 15, none's 5.
	wantPos := []db.AuditPos{{1, 1}, {2, 1}, {1, 2}, {2, 2}, {1, 3}, {2, 3}, {15, 1}, {5, 1}}
	if got := positions(all); !slices.Equal(got, wantPos) {
		t.Fatalf("positions %v, want %v", got, wantPos)
	}
	if got := all[0].AuditEntry; !equalEntry(got, auditEntry("ann", 1)) || len(all[0].Hash) != 32 {
		t.Fatalf("first row %+v", all[0])
	}
	if got := all[6].AuditEntry; !equalEntry(got, write) {
		t.Fatalf("write row %+v, want %+v", got, write)
	}
	if got := all[7].AuditEntry; got.PersonID != 0 || got.ActorTokenID != 0 || got.Fields == nil || len(got.Fields) != 0 {
		t.Fatalf("row without fields %+v", got)
	}
	at := all[0].At
	if time.Since(at) > time.Minute || at.Nanosecond()%1000 != 0 {
		t.Fatalf("at = %v", at)
	}
	tests := []struct {
		name string
		f    db.AuditFilter
		want []int64
	}{
		{"person", db.AuditFilter{PersonID: 2}, []int64{2, 4, 6}},
		{"actor", db.AuditFilter{Actor: "ann"}, []int64{1, 3, 5}},
		{"person and actor", db.AuditFilter{PersonID: 2, Actor: "ann"}, []int64{}},
		{"first", db.AuditFilter{First: 3}, []int64{1, 2, 3}},
		{"after", db.AuditFilter{After: 5, First: 2}, []int64{6, 7}},
		{"from", db.AuditFilter{From: at.Add(-time.Minute)}, []int64{1, 2, 3, 4, 5, 6, 7, 8}},
		{"from later", db.AuditFilter{From: time.Now().Add(time.Minute)}, []int64{}},
		{"to", db.AuditFilter{To: at}, []int64{}},
		{"to later", db.AuditFilter{Actor: "system", To: time.Now().Add(time.Minute)}, []int64{7, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows, err := store.AuditList(ctx, tt.f)
			if err != nil || !slices.Equal(ids(rows), tt.want) {
				t.Fatalf("ids %v, %v; want %v", ids(rows), err, tt.want)
			}
		})
	}
}

func TestAuditListPageSize(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	entries := make([]db.AuditEntry, 520)
	for i := range entries {
		entries[i] = auditEntry("ann", int64(i))
	}
	if err := store.AuditRecord(ctx, entries); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ first, want int }{{0, 50}, {-1, 50}, {10, 10}, {1000, 500}} {
		rows, err := store.AuditList(ctx, db.AuditFilter{First: tt.first})
		if err != nil || len(rows) != tt.want {
			t.Fatalf("first %d: %d rows, %v; want %d", tt.first, len(rows), err, tt.want)
		}
	}
	report, err := store.AuditVerify(ctx)
	if err != nil || !report.OK() || report.Rows != 520 || len(report.LastSeq) != db.AuditChains || sumLast(report) != 520 {
		t.Fatalf("report %+v, %v", report, err)
	}
}

func equalEntry(a, b db.AuditEntry) bool {
	return slices.Equal(a.Fields, b.Fields) && a.ActorTokenID == b.ActorTokenID && a.Actor == b.Actor &&
		a.Role == b.Role && a.Action == b.Action && a.PersonID == b.PersonID && a.Department == b.Department &&
		a.Purpose == b.Purpose && a.RequestID == b.RequestID && a.Detail == b.Detail
}

func TestAuditVerifyIntact(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	report, err := store.AuditVerify(ctx)
	if err != nil || !report.OK() || report.Rows != 0 || report.LastSeq == nil || len(report.LastSeq) != 0 {
		t.Fatalf("empty log: %+v, %v", report, err)
	}
	auditSeed(t, store, 5) // chain 1 seqs 1..3, chain 2 seqs 1..2
	// A rolled-back append leaves no hole (person 19 is in chain 3).
	rollback := errors.New("roll back")
	err = store.InTx(ctx, func(tx pgx.Tx) error {
		if err := db.AuditAppend(ctx, tx, []db.AuditEntry{auditEntry("ann", 19)}); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	// Text PostgreSQL cannot store is cleaned before it is hashed.
	odd := auditEntry("c\x00arl", 3)
	odd.Purpose = "bad \xff byte"
	if err := store.AuditRecord(ctx, []db.AuditEntry{odd, auditEntry("dan", 4)}); err != nil {
		t.Fatal(err)
	}
	report, err = store.AuditVerify(ctx)
	want := map[int]int64{1: 3, 2: 2, 3: 1, 4: 1}
	if err != nil || !report.OK() || report.Rows != 7 || !maps.Equal(report.LastSeq, want) {
		t.Fatalf("report %+v, %v; want last seqs %v", report, err, want)
	}
}

func TestAuditAppendRejects(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	bad := auditEntry("ann", 1)
	bad.Action = "DELETE"
	if err := store.AuditRecord(ctx, []db.AuditEntry{bad}); err == nil || !strings.Contains(err.Error(), "DELETE") {
		t.Fatalf("bad action: %v", err)
	}
	err := pgx.BeginTxFunc(ctx, store.Pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		return db.AuditAppend(ctx, tx, []db.AuditEntry{auditEntry("ann", 1)})
	})
	if err == nil || !strings.Contains(err.Error(), "read committed") {
		t.Fatalf("repeatable read: %v", err)
	}
	if err := store.AuditRecord(ctx, nil); err != nil {
		t.Fatalf("no entries: %v", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	auditSeed(t, store, 3)
	tests := []struct{ name, sql string }{
		{"update", `UPDATE audit_log SET purpose = 'nothing to see' WHERE chain = 1 AND seq = 2`},
		{"delete", `DELETE FROM audit_log WHERE chain = 1 AND seq = 2`},
		{"truncate", `TRUNCATE audit_log`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := store.Pool.Exec(context.Background(), tt.sql)
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || !strings.Contains(pgErr.Message, "audit_log is append-only") {
				t.Fatalf("err = %v, want append-only", err)
			}
		})
	}
	report, err := store.AuditVerify(context.Background())
	if err != nil || !report.OK() || report.Rows != 3 {
		t.Fatalf("report %+v, %v", report, err)
	}
}

// auditSeed(10) fills chain 1 (person 1) and chain 2 (person 2) with
// seqs 1..5 each.
func TestAuditVerifyDetectsTampering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		sql        []string // run with the triggers disabled, as the table owner may
		wantBroken []db.AuditPos
		wantGaps   []db.AuditGap
		wantRows   int64
		wantLast   map[int]int64 // {1: 5, 2: 5} when nil
	}{
		{"changed purpose", []string{`UPDATE audit_log SET purpose = 'routine' WHERE chain = 2 AND seq = 2`},
			[]db.AuditPos{{2, 2}}, nil, 10, nil},
		{"changed fields", []string{`UPDATE audit_log SET fields = '{Person.name}' WHERE chain = 1 AND seq = 1`},
			[]db.AuditPos{{1, 1}}, nil, 10, nil},
		{"changed time", []string{`UPDATE audit_log SET at = at - interval '1 day' WHERE chain = 2 AND seq = 5`},
			[]db.AuditPos{{2, 5}}, nil, 10, nil},
		{"rehashed row", []string{`UPDATE audit_log SET hash = sha256(hash) WHERE chain = 1 AND seq = 3`},
			[]db.AuditPos{{1, 3}, {1, 4}}, nil, 10, nil},
		{"deleted row", []string{`DELETE FROM audit_log WHERE chain = 1 AND seq = 3`},
			nil, []db.AuditGap{{1, 3, 3}}, 9, nil},
		{"deleted rows", []string{`DELETE FROM audit_log WHERE chain = 1 AND seq IN (1, 2) OR chain = 2 AND seq IN (2, 3, 4)`},
			nil, []db.AuditGap{{1, 1, 2}, {2, 2, 4}}, 5, nil},
		{"deleted and changed", []string{`DELETE FROM audit_log WHERE chain = 2 AND seq = 2`,
			`UPDATE audit_log SET actor = 'eve' WHERE chain = 1 AND seq = 4`},
			[]db.AuditPos{{1, 4}}, []db.AuditGap{{2, 2, 2}}, 9, nil},
		// The moved row still links to the genesis hash: only the chain
		// number in its hash shows it.
		{"moved to another chain", []string{`UPDATE audit_log SET chain = 3 WHERE chain = 2 AND seq = 1`},
			[]db.AuditPos{{3, 1}}, []db.AuditGap{{2, 1, 1}}, 10, map[int]int64{1: 5, 2: 5, 3: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := dbtest.New(t)
			ctx := context.Background()
			auditSeed(t, store, 10)
			sql := append([]string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}, tt.sql...)
			for _, s := range sql {
				if _, err := store.Pool.Exec(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			report, err := store.AuditVerify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantLast := tt.wantLast
			if wantLast == nil {
				wantLast = map[int]int64{1: 5, 2: 5}
			}
			if report.OK() || !slices.Equal(report.Broken, tt.wantBroken) || !slices.Equal(report.Gaps, tt.wantGaps) ||
				report.Rows != tt.wantRows || !maps.Equal(report.LastSeq, wantLast) {
				t.Fatalf("report %+v, want broken %v, gaps %v, rows %d, last %v",
					report, tt.wantBroken, tt.wantGaps, tt.wantRows, wantLast)
			}
		})
	}
}

// Concurrent appends, to shared chains and across several chains at once
// (locked in whatever order the entries come), keep every chain whole.
func TestAuditConcurrentAppends(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	const workers, calls = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers*calls)
	total := 0
	for w := range workers {
		size := 1 + w%3 // some calls append several entries at once
		total += calls * size
		wg.Go(func() {
			for c := range calls {
				entries := make([]db.AuditEntry, size)
				for i := range entries {
					person := int64(c) // even workers: one person a call
					if w%2 == 1 {
						person = int64(40 - c - 5*i) // odd: several chains, descending
					}
					entries[i] = auditEntry(fmt.Sprintf("w%d", w), person)
				}
				errs <- store.AuditRecord(ctx, entries)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	report, err := store.AuditVerify(ctx)
	if err != nil || !report.OK() || report.Rows != int64(total) || sumLast(report) != int64(total) ||
		len(report.LastSeq) < db.AuditChains/2 {
		t.Fatalf("report %+v, %v; want %d rows, each chain contiguous", report, err, total)
	}
	// One call's entries about one person are contiguous in its chain.
	rows, err := store.AuditList(ctx, db.AuditFilter{Actor: "w2", First: 500})
	if err != nil || len(rows) != calls*3 {
		t.Fatalf("w2 rows %d, %v", len(rows), err)
	}
	for i := 0; i < len(rows); i += 3 {
		p := positions(rows[i : i+3])
		if p[1] != (db.AuditPos{Chain: p[0].Chain, Seq: p[0].Seq + 1}) || p[2] != (db.AuditPos{Chain: p[0].Chain, Seq: p[0].Seq + 2}) {
			t.Fatalf("entries of one call not contiguous: %v", p)
		}
	}
}

// Appends to different chains do not wait for each other; appends to the
// same chain do, until the first commits.
func TestAuditChainsDoNotWait(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	txA, err := store.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer txA.Rollback(ctx)
	if err := db.AuditAppend(ctx, txA, []db.AuditEntry{auditEntry("ann", 1)}); err != nil { // chain 1
		t.Fatal(err)
	}

	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := store.AuditRecord(short, []db.AuditEntry{auditEntry("bob", 2)}); err != nil { // chain 2
		t.Fatalf("append to chain 2 while chain 1 is held: %v", err)
	}

	done := make(chan error, 1)
	go func() { done <- store.AuditRecord(ctx, []db.AuditEntry{auditEntry("cy", 17)}) }() // chain 1
	select {
	case err := <-done:
		t.Fatalf("append to chain 1 did not wait for the open transaction: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	if err := txA.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("append to chain 1 still waiting after the first committed")
	}
	report, err := store.AuditVerify(ctx)
	if want := map[int]int64{1: 2, 2: 1}; err != nil || !report.OK() || !maps.Equal(report.LastSeq, want) {
		t.Fatalf("report %+v, %v; want last seqs %v", report, err, want)
	}
}

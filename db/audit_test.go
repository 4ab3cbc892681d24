package db_test

import (
	"context"
	"errors"
	"fmt"
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

func seqs(rows []db.AuditRow) []int64 {
	out := []int64{}
	for _, r := range rows {
		out = append(out, r.Seq)
	}
	return out
}

func TestAuditAppendAndList(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	auditSeed(t, store, 6) // seqs 1..6: ann/person 1 odd, bob/person 2 even
	write := db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite, Department: "HEALTH",
		Fields: []string{"upsertHealthRecords"}, Detail: "85 records written"}
	noFields := db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite}
	err := store.InTx(ctx, func(tx pgx.Tx) error {
		return db.AuditAppend(ctx, tx, []db.AuditEntry{write, noFields}) // seqs 7, 8
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := store.AuditList(ctx, db.AuditFilter{})
	if err != nil || !slices.Equal(seqs(all), []int64{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Fatalf("all = %v, %v", seqs(all), err)
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
			if err != nil || !slices.Equal(seqs(rows), tt.want) {
				t.Fatalf("seqs %v, %v; want %v", seqs(rows), err, tt.want)
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
	if err != nil || !report.OK() || report.Rows != 520 || report.LastSeq != 520 {
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
	if err != nil || !report.OK() || report.Rows != 0 || report.LastSeq != 0 {
		t.Fatalf("empty log: %+v, %v", report, err)
	}
	auditSeed(t, store, 5)
	// A rolled-back append leaves no hole.
	rollback := errors.New("roll back")
	err = store.InTx(ctx, func(tx pgx.Tx) error {
		if err := db.AuditAppend(ctx, tx, []db.AuditEntry{auditEntry("ann", 9)}); err != nil {
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
	if err != nil || !report.OK() || report.Rows != 7 || report.LastSeq != 7 {
		t.Fatalf("report %+v, %v", report, err)
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
		{"update", `UPDATE audit_log SET purpose = 'nothing to see' WHERE seq = 2`},
		{"delete", `DELETE FROM audit_log WHERE seq = 2`},
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

func TestAuditVerifyDetectsTampering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		sql        []string // run with the triggers disabled, as the table owner may
		wantBroken []int64
		wantGaps   [][2]int64
		wantRows   int64
	}{
		{"changed purpose", []string{`UPDATE audit_log SET purpose = 'routine' WHERE seq = 4`}, []int64{4}, nil, 10},
		{"changed fields", []string{`UPDATE audit_log SET fields = '{Person.name}' WHERE seq = 1`}, []int64{1}, nil, 10},
		{"changed time", []string{`UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 10`}, []int64{10}, nil, 10},
		{"rehashed row", []string{`UPDATE audit_log SET hash = sha256(hash) WHERE seq = 6`}, []int64{6, 7}, nil, 10},
		{"deleted row", []string{`DELETE FROM audit_log WHERE seq = 5`}, nil, [][2]int64{{5, 5}}, 9},
		{"deleted rows", []string{`DELETE FROM audit_log WHERE seq IN (1, 2, 7, 8, 9)`}, nil, [][2]int64{{1, 2}, {7, 9}}, 5},
		{"deleted and changed", []string{`DELETE FROM audit_log WHERE seq = 3`,
			`UPDATE audit_log SET actor = 'eve' WHERE seq = 8`}, []int64{8}, [][2]int64{{3, 3}}, 9},
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
			if report.OK() || !slices.Equal(report.Broken, tt.wantBroken) || !slices.Equal(report.Gaps, tt.wantGaps) ||
				report.Rows != tt.wantRows || report.LastSeq != 10 {
				t.Fatalf("report %+v, want broken %v, gaps %v, rows %d", report, tt.wantBroken, tt.wantGaps, tt.wantRows)
			}
		})
	}
}

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
					entries[i] = auditEntry(fmt.Sprintf("w%d", w), int64(c))
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
	if err != nil || !report.OK() || report.Rows != int64(total) || report.LastSeq != int64(total) {
		t.Fatalf("report %+v, %v; want %d contiguous rows", report, err, total)
	}
	// One call's entries are contiguous.
	rows, err := store.AuditList(ctx, db.AuditFilter{Actor: "w2", First: 500})
	if err != nil || len(rows) != calls*3 {
		t.Fatalf("w2 rows %d, %v", len(rows), err)
	}
	for i := 0; i < len(rows); i += 3 {
		if rows[i+1].Seq != rows[i].Seq+1 || rows[i+2].Seq != rows[i].Seq+2 {
			t.Fatalf("entries of one call not contiguous: %v", seqs(rows[i:i+3]))
		}
	}
}

package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// Concurrent callers share transactions, yet each returns only once its
// entries are in the log, and the chain stays whole.
func TestAuditWriterGroupsCommits(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	w := store.NewAuditWriter()
	ctx := context.Background()
	const callers = 40
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := db.AuditEntry{Actor: fmt.Sprintf("a%d", i), Role: "ANALYST", Action: db.AuditReadPII,
				PersonID: int64(i + 1), Fields: []string{"Person.idNumber"}, Purpose: "case"}
			if err := w.Record(ctx, []db.AuditEntry{e}); err != nil {
				t.Error(err)
				return
			}
			rows, err := store.AuditList(ctx, db.AuditFilter{Actor: e.Actor})
			if err != nil || len(rows) != 1 {
				t.Errorf("caller %d returned before its entry was visible: %d rows, %v", i, len(rows), err)
			}
		}()
	}
	wg.Wait()
	rep, err := store.AuditVerify(ctx)
	if err != nil || !rep.OK() || rep.Rows != callers {
		t.Fatalf("verify: %+v, %v; want %d intact rows", rep, err, callers)
	}
	var txs int
	store.Pool.QueryRow(ctx, `SELECT count(DISTINCT at) FROM audit_log`).Scan(&txs)
	t.Logf("%d entries in %d transactions", callers, txs)
}

// A bad entry fails its own caller only.
func TestAuditWriterIsolatesBadEntry(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	w := store.NewAuditWriter()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			action := db.AuditReadPII
			if i == 3 {
				action = "PEEK"
			}
			errs[i] = w.Record(ctx, []db.AuditEntry{{Actor: "x", Role: "ADMIN", Action: action, Fields: []string{"f"}}})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i == 3) {
			t.Errorf("caller %d: %v", i, err)
		}
	}
}

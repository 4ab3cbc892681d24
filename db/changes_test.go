package db_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// TestChangesPagesThroughWithLinkRows checks that a with-link row reads as
// its RECORD and LINK changes, in feed order across departments, and that
// paging with any page size (cursors falling between a row's two halves
// included) yields every change exactly once.
func TestChangesPagesThroughWithLinkRows(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	// Three transactions, departments interleaved within and across them.
	txs := [][]struct {
		dept, source string
		withLink     bool
	}{
		{{"VETERAN", "v1", true}, {"CIVIL", "c1", true}, {"VETERAN", "v2", false}},
		{{"HEALTH", "h1", true}, {"JOBS", "j1", false}},
		{{"CIVIL", "c2", false}, {"VETERAN", "v3", true}},
	}
	var want []string
	for i, rows := range txs {
		tx, err := store.Pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for j, r := range rows {
			kind := "RECORD"
			if r.dept == "JOBS" {
				kind = "JOB"
			}
			if _, err := tx.Exec(ctx, `INSERT INTO changes (kind, op, department, source_id, record_id, person_id, with_link)
				VALUES ($1, 'CREATED', $2, $3, $4, 7, $5)`, kind, r.dept, r.source, i*10+j+1, r.withLink); err != nil {
				t.Fatal(err)
			}
			want = append(want, kind+" "+r.source)
			if r.withLink {
				want = append(want, "LINK "+r.source)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Other tests' transactions on the server hold the feed back for a
	// while; once visible, changes stay visible.
	for deadline := time.Now().Add(10 * time.Second); len(readFeed(t, store, 1000, "")) < len(want) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	for _, first := range []int{1, 2, 3, 1000} {
		if got := readFeed(t, store, first, ""); !slices.Equal(got, want) {
			t.Errorf("pages of %d:\n got %v\nwant %v", first, got, want)
		}
	}
	wantVeteran := []string{"RECORD v1", "LINK v1", "RECORD v2", "RECORD v3", "LINK v3"}
	for _, first := range []int{1, 2, 1000} {
		if got := readFeed(t, store, first, "VETERAN"); !slices.Equal(got, wantVeteran) {
			t.Errorf("VETERAN, pages of %d:\n got %v\nwant %v", first, got, wantVeteran)
		}
	}
}

// readFeed reads the whole feed in pages of first, resuming from each
// page's last cursor, and returns "KIND sourceId" per change.
func readFeed(t *testing.T, store *db.Store, first int, department string) []string {
	t.Helper()
	var got []string
	var after db.ChangeCursor
	for page := 0; ; page++ {
		changes, more, err := store.ChangesList(context.Background(), db.Scope{}, after, first, department)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) > first || (more && len(changes) != first) || page > 100 {
			t.Fatalf("page %d: %d changes, more %v, first %d", page, len(changes), more, first)
		}
		for _, c := range changes {
			got = append(got, fmt.Sprintf("%s %s", c.Kind, c.SourceID))
			after = c.Cursor()
		}
		if !more {
			return got
		}
	}
}

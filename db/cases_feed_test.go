package db_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// TestCaseFeedAnnouncesAtCommit measures the delay from the commit of
// FlagsReplace to a subscriber's receipt; the target is 1 s at p95.
func TestCaseFeedAnnouncesAtCommit(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	feed := store.NewCaseFeed(slog.Default())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := feed.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 50
	delays := make([]time.Duration, 0, rounds)
	for i := range rounds {
		p := f.person(fmt.Sprint("人", i), "330824106001")
		committed, opened := commitFlags(t, store, p)
		select {
		case got := <-ch:
			delays = append(delays, time.Since(committed))
			if got.ID != opened[0] || got.RegionCode != "330824106001" {
				t.Fatalf("announced %+v, want case %d of 330824106001", got, opened[0])
			}
		case <-time.After(time.Second):
			t.Fatalf("case %v not announced within 1 s", opened)
		}
	}
	slices.Sort(delays)
	p95 := delays[rounds*95/100]
	t.Logf("commit → subscriber: p50 %v, p95 %v, max %v", delays[rounds/2], p95, delays[rounds-1])
	if p95 > time.Second {
		t.Fatalf("p95 %v over 1 s", p95)
	}
}

// commitFlags flags person p and returns when its commit began and the
// case it opened.
func commitFlags(t *testing.T, store *db.Store, p int64) (time.Time, []int64) {
	t.Helper()
	ctx := context.Background()
	tx, err := store.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	changed, err := db.FlagsReplace(ctx, tx, []int64{p}, []db.FlagRow{flagOf(p, "income", "LOW", "a")})
	opened := changed.Opened
	if err != nil || len(opened) != 1 {
		t.Fatalf("opened %v, %v", opened, err)
	}
	committing := time.Now()
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return committing, opened
}

func TestCaseInScope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		scope db.Scope
		want  bool
	}{
		{db.Scope{}, true},
		{db.Scope{Regions: []string{"3308", "341103"}}, true},
		{db.Scope{Regions: []string{"341103"}}, false},
		{db.Scope{Aggregate: true}, false},
		{db.Scope{Department: "CIVIL"}, false},
	}
	for _, tt := range tests {
		if got := db.CaseInScope(tt.scope, "330824106001"); got != tt.want {
			t.Errorf("CaseInScope(%+v) = %v, want %v", tt.scope, got, tt.want)
		}
	}
}

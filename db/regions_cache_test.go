package db_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// TestRegionsReadOnce checks that the regions table is read once per store,
// however many requests (loaders) ask concurrently, and again only when
// refreshed.
func TestRegionsReadOnce(t *testing.T) {
	t.Parallel()
	counter := &queryCount{}
	store := dbtest.NewWithTracer(t, counter)
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 8 {
		l := store.NewLoaders(db.Scope{Regions: []string{"341103"}}) // regions are never scoped
		wg.Go(func() {
			for _, code := range []string{"330824106001", "330824", "330000", "990000"} {
				if _, err := l.RegionContaining(ctx, code); err != nil {
					t.Error(err)
				}
			}
			if err := l.PrefetchRegions(ctx, []string{"330824106"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := counter.n.Load(); n != 1 {
		t.Fatalf("%d queries for the regions of 8 requests, want 1", n)
	}
	renameRegion(t, store, "330824106", "新桐村镇")
	if err := store.RegionsRefresh(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := store.NewLoaders(db.Scope{}).RegionByCode(ctx, "330824106")
	if err != nil || r == nil || r.Name != "新桐村镇" || counter.n.Load() != 3 {
		t.Fatalf("after refresh: %+v, %v, %d queries; want the new name, 3 queries", r, err, counter.n.Load())
	}
}

// TestRegionsPerStore checks that stores on different databases do not
// share their in-memory regions.
func TestRegionsPerStore(t *testing.T) {
	t.Parallel()
	a, b := dbtest.New(t), dbtest.New(t)
	ctx := context.Background()
	if _, err := a.NewLoaders(db.Scope{}).RegionByCode(ctx, "330824"); err != nil {
		t.Fatal(err)
	}
	renameRegion(t, b, "330824", "改名县")
	for _, tt := range []struct {
		store *db.Store
		want  string
	}{{a, "开化县"}, {b, "改名县"}} {
		r, err := tt.store.NewLoaders(db.Scope{}).RegionByCode(ctx, "330824")
		if err != nil || r == nil || r.Name != tt.want {
			t.Errorf("region 330824 = %+v, %v; want %s", r, err, tt.want)
		}
	}
}

func renameRegion(t *testing.T, store *db.Store, code, name string) {
	t.Helper()
	if _, err := store.Pool.Exec(context.Background(), "UPDATE regions SET name = $2 WHERE code = $1", code, name); err != nil {
		t.Fatal(err)
	}
}

// queryCount is a pgx tracer counting the statements a pool runs.
type queryCount struct{ n atomic.Int64 }

func (c *queryCount) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCount) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

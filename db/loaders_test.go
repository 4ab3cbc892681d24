package db_test

import (
	"context"
	"sync"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestLoadersKeyOrderAndNotFound(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	a := f.person("甲", "330824106")
	b := f.person("乙", "341103100")
	l := store.NewLoaders(db.Scope{Regions: []string{"330824"}})
	ctx := context.Background()
	keys := []int64{b, 424242, a}
	got := make([]*db.Person, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() {
			p, err := l.PersonByID(ctx, k)
			if err != nil {
				t.Errorf("load %d: %v", k, err)
			}
			got[i] = p
		})
	}
	wg.Wait()
	if got[0] != nil || got[1] != nil || got[2] == nil || got[2].ID != a {
		t.Fatalf("loaded %v, want [nil (out of scope), nil (missing), %d]", got, a)
	}
}

func TestRegionContaining(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	l := store.NewLoaders(db.Scope{})
	tests := []struct{ code, want string }{
		{"330824106001", "330824106"}, // village → township
		{"330824999001", "330824"},    // unknown township → county
		{"330824", "330824"},
		{"990000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			r, err := l.RegionContaining(context.Background(), tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if got := regionCode(r); got != tt.want {
				t.Errorf("region of %s = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func regionCode(r *db.Region) string {
	if r == nil {
		return ""
	}
	return r.Code
}

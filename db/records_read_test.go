package db_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestRecordsByPersonIDs(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("孙", "330824106", "VETERAN", "CIVIL")
	other := f.person("周", "341103100", "HEALTH")
	oldVet := f.record("VETERAN", "v1", p, "330824106", "2024-01-01", 9)
	newVet := f.record("VETERAN", "v2", p, "330824106", "2024-06-01", 1)
	civil := f.record("CIVIL", "c1", p, "341103100", "2024-03-01", 1)
	health := f.record("HEALTH", "h1", other, "341103100", "2024-03-01", 1)
	f.record("HEALTH", "h2", 0, "341103100", "2024-03-01", 1) // unlinked
	tests := []struct {
		name  string
		scope db.Scope
		want  []int64
	}{
		{"all, latest first per department", db.Scope{}, []int64{civil, newVet, oldVet, health}},
		{"department scope", db.Scope{Department: "VETERAN"}, []int64{newVet, oldVet}},
		{"region scope on the record", db.Scope{Regions: []string{"341103"}}, []int64{civil, health}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := store.RecordsByPersonIDs(context.Background(), tt.scope, []int64{p, other})
			if err != nil {
				t.Fatal(err)
			}
			if ids := recordIDs(got); !slices.Equal(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestRecordGetBySource(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	id := f.record("CIVIL", "c-7", 0, "330824106", "2024-03-01", 3)
	tests := []struct {
		name     string
		scope    db.Scope
		dept, id string
		found    bool
	}{
		{"found", db.Scope{}, "CIVIL", "c-7", true},
		{"other department's key", db.Scope{}, "HEALTH", "c-7", false},
		{"integrator of the department", db.Scope{Department: "CIVIL"}, "CIVIL", "c-7", true},
		{"integrator of another department", db.Scope{Department: "HEALTH"}, "CIVIL", "c-7", false},
		{"analyst elsewhere", db.Scope{Regions: []string{"341103"}}, "CIVIL", "c-7", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := store.RecordGetBySource(context.Background(), tt.scope, tt.dept, tt.id)
			if !tt.found {
				if !errors.Is(err, db.ErrNotFound) {
					t.Fatalf("err = %v, want ErrNotFound", err)
				}
				return
			}
			if err != nil || r.ID != id || r.SourceVersion != 3 || string(r.Attrs) != "{}" {
				t.Fatalf("got %+v, %v", r, err)
			}
		})
	}
}

func recordIDs(rs []db.SourceRecord) []int64 {
	var ids []int64
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return ids
}

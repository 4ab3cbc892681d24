package db_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestPersonList(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	zhang := f.person("张三", "330824106001", "VETERAN", "CIVIL")
	zhangsi := f.person("张四", "330824107", "VETERAN")
	li := f.person("李四", "341103100", "HEALTH")
	gone := f.person("张旧", "330824106", "VETERAN")
	f.merge(gone, zhang)
	tests := []struct {
		name   string
		scope  db.Scope
		filter db.PersonFilter
		want   []int64
	}{
		{"all unmerged", db.Scope{}, db.PersonFilter{}, []int64{zhang, zhangsi, li}},
		{"region prefix", db.Scope{}, db.PersonFilter{RegionPrefix: "330824106"}, []int64{zhang}},
		{"county prefix", db.Scope{}, db.PersonFilter{RegionPrefix: "330824"}, []int64{zhang, zhangsi}},
		{"name prefix", db.Scope{}, db.PersonFilter{NamePrefix: "张"}, []int64{zhang, zhangsi}},
		{"full name", db.Scope{}, db.PersonFilter{NamePrefix: "李四"}, []int64{li}},
		{"departments", db.Scope{}, db.PersonFilter{Departments: []string{"VETERAN", "CIVIL"}}, []int64{zhang}},
		{"scope regions", db.Scope{Regions: []string{"341103", "330824107"}}, db.PersonFilter{}, []int64{zhangsi, li}},
		{"scope and filter disjoint", db.Scope{Regions: []string{"341103"}}, db.PersonFilter{RegionPrefix: "330824"}, nil},
		{"scope department", db.Scope{Department: "HEALTH"}, db.PersonFilter{}, []int64{li}},
		{"scope wildcard is literal", db.Scope{Regions: []string{"_"}}, db.PersonFilter{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, hasNext, err := store.PersonList(context.Background(), tt.scope, tt.filter, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			if ids := personIDs(got); !slices.Equal(ids, tt.want) || hasNext {
				t.Errorf("ids = %v (next %v), want %v", ids, hasNext, tt.want)
			}
		})
	}
}

func TestPersonListPages(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	var want []int64
	for range 7 {
		want = append(want, f.person("王", "330824106"))
	}
	var got []int64
	after := int64(0)
	for pages := 0; ; pages++ {
		page, hasNext, err := store.PersonList(context.Background(), db.Scope{}, db.PersonFilter{}, 3, after)
		if err != nil || pages > 3 {
			t.Fatalf("page %d: %v", pages, err)
		}
		got = append(got, personIDs(page)...)
		if !hasNext {
			break
		}
		after = page[len(page)-1].ID
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged ids = %v, want %v", got, want)
	}
	for _, first := range []int{0, db.PersonListMax + 1} {
		if _, _, err := store.PersonList(context.Background(), db.Scope{}, db.PersonFilter{}, first, 0); err == nil {
			t.Errorf("first %d: no error", first)
		}
	}
}

func TestPersonGet(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	survivor := f.person("赵", "330824106")
	middle := f.person("赵", "330824106")
	first := f.person("赵", "330824106")
	f.merge(first, middle)
	f.merge(middle, survivor)
	loopA, loopB := f.person("环", "330824106"), f.person("环", "330824106")
	f.merge(loopA, loopB)
	f.merge(loopB, loopA)
	tests := []struct {
		name  string
		scope db.Scope
		id    int64
		want  int64 // 0: not found
	}{
		{"survivor", db.Scope{}, survivor, survivor},
		{"two merges", db.Scope{}, first, survivor},
		{"cycle", db.Scope{}, loopA, 0},
		{"unknown", db.Scope{}, 999999, 0},
		{"out of scope", db.Scope{Regions: []string{"341103"}}, first, 0},
		{"in scope", db.Scope{Regions: []string{"330824"}}, first, survivor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := store.PersonGet(context.Background(), tt.scope, tt.id)
			if tt.want == 0 {
				if !errors.Is(err, db.ErrNotFound) {
					t.Fatalf("err = %v, want ErrNotFound", err)
				}
				return
			}
			if err != nil || p.ID != tt.want {
				t.Fatalf("got %d, %v; want %d", p.ID, err, tt.want)
			}
		})
	}
}

func personIDs(ps []db.Person) []int64 {
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

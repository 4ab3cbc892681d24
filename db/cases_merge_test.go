package db_test

import (
	"context"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// Persons merging keep one active case per human: a merged person's case
// moves to a survivor without one, and is dismissed where the survivor
// has its own.
func TestCasesFollowMergedPersons(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	m := manual{fixtures{t, store}, context.Background()}
	survivor, merged := m.keyed("330824106", ""), m.keyed("330824106", "")
	m.rec("VETERAN", "v-1", survivor, "330824106", "")
	m.rec("CIVIL", "c-1", merged, "330824106", "")
	lone, withCase := m.keyed("330824106", ""), m.keyed("330824106", "")
	m.rec("VETERAN", "v-2", lone, "330824106", "")
	m.rec("CIVIL", "c-2", withCase, "330824106", "")
	cases := replace(t, store, []int64{survivor, merged, withCase},
		flagOf(survivor, "income", "LOW", "a"), flagOf(merged, "alone", "LOW", "b"), flagOf(withCase, "medical", "HIGH", "c"))
	for _, ids := range [][]int64{{survivor, merged}, {lone, withCase}} {
		if _, err := store.PersonsMerge(m.ctx, db.Scope{}, ids, decision("mergePersons")); err != nil {
			t.Fatal(err)
		}
	}
	status := func(caseID int64) (person int64, st string) {
		store.Pool.QueryRow(m.ctx, `SELECT person_id, status FROM cases WHERE id = $1`, caseID).Scan(&person, &st)
		return person, st
	}
	if p, st := status(cases[0]); p != survivor || st != "OPEN" {
		t.Errorf("the survivor's case: person %d, %s", p, st)
	}
	if p, st := status(cases[1]); p != merged || st != "DISMISSED" {
		t.Errorf("the merged person's case, beside the survivor's: person %d, %s; want dismissed", p, st)
	}
	if p, st := status(cases[2]); p != lone || st != "OPEN" {
		t.Errorf("the merged person's case, the survivor without one: person %d, %s; want moved, open", p, st)
	}
	if activeCases(t, store, survivor) != 1 || activeCases(t, store, lone) != 1 {
		t.Error("a human holds more or fewer than one active case")
	}
}

package matching

import (
	"slices"
	"testing"
)

func TestAssignPersons(t *testing.T) {
	recs := []Placed{
		{RecordID: 1, PersonID: 10, Cluster: 0}, // person 10 and 11 merge: 10 has more records
		{RecordID: 2, PersonID: 10, Cluster: 0},
		{RecordID: 3, PersonID: 11, Cluster: 0},
		{RecordID: 4, PersonID: 12, Cluster: 1}, // person 12 splits: the larger part keeps it
		{RecordID: 5, PersonID: 12, Cluster: 1},
		{RecordID: 6, PersonID: 12, Cluster: 2}, // the smaller part gets a new person
		{RecordID: 7, PersonID: 0, Cluster: 3},  // never linked: a new person
	}
	got := AssignPersons(recs)
	want := []int64{10, 10, 10, 12, 12, -1, -2}
	if !slices.Equal(got.Person, want) || got.New != 2 {
		t.Fatalf("persons %v (new %d), want %v (new 2)", got.Person, got.New, want)
	}
	if len(got.Retired) != 1 || got.Retired[11] != 10 {
		t.Fatalf("retired %v, want 11 → 10", got.Retired)
	}
}

func TestAssignPersonsDeterministic(t *testing.T) {
	recs := []Placed{{1, 5, 0}, {2, 6, 0}, {3, 5, 1}, {4, 6, 1}}
	first := AssignPersons(recs)
	for range 20 {
		if got := AssignPersons(recs); !slices.Equal(got.Person, first.Person) {
			t.Fatalf("%v then %v", first.Person, got.Person)
		}
	}
	// Ties go to the lowest person id, larger-or-equal clusters by cluster order.
	if first.Person[0] != 5 || first.Person[2] != 6 {
		t.Fatalf("persons %v", first.Person)
	}
}

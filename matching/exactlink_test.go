package matching

import (
	"reflect"
	"testing"
)

func TestPlanExactLinks(t *testing.T) {
	t.Parallel()
	const a, b = "11010519491231002X", "440524188001010014"
	tests := []struct {
		name    string
		records []LinkRecord
		keyed   map[string]int64
		want    LinkPlan
	}{
		{
			name: "same new ID across departments shares one new person",
			records: []LinkRecord{
				{ID: 1, IDNumber: a, IDValid: true},
				{ID: 2, IDNumber: a, IDValid: true},
			},
			want: LinkPlan{
				NewPersons:  []NewPerson{{Key: a}},
				Assignments: []Assignment{{1, -1, LinkExactID}, {2, -1, LinkExactID}},
			},
		},
		{
			name: "a record a person placed (split off its ID's person) stays, even with that valid ID",
			records: []LinkRecord{
				{ID: 1, IDNumber: a, IDValid: true, PersonID: 9, Manual: true},
				{ID: 2, IDNumber: a, IDValid: true, PersonID: 5, PersonKeyed: true},
			},
			keyed: map[string]int64{a: 5},
			want: LinkPlan{
				Assignments: []Assignment{{1, 9, LinkManual}, {2, 5, LinkExactID}},
			},
		},
		{
			name: "a record the probabilistic linker placed keeps its person when updated without a valid ID",
			records: []LinkRecord{
				{ID: 7, PersonID: 20, PersonKeyed: true, Probable: true},
				{ID: 8, PersonID: 20, PersonKeyed: true},
			},
			want: LinkPlan{
				NewPersons:  []NewPerson{{}},
				Assignments: []Assignment{{7, 20, LinkProbable}, {8, -1, LinkSingleton}},
			},
		},
		{
			name:    "valid ID joins the existing keyed person",
			records: []LinkRecord{{ID: 3, IDNumber: a, IDValid: true}},
			keyed:   map[string]int64{a: 10},
			want:    LinkPlan{Assignments: []Assignment{{3, 10, LinkExactID}}},
		},
		{
			name: "invalid or missing IDs get a person each, even with equal numbers",
			records: []LinkRecord{
				{ID: 4, IDNumber: "110105194912310021"},
				{ID: 5, IDNumber: "110105194912310021"},
				{ID: 6},
			},
			want: LinkPlan{
				NewPersons:  []NewPerson{{}, {}, {}},
				Assignments: []Assignment{{4, -1, LinkSingleton}, {5, -2, LinkSingleton}, {6, -3, LinkSingleton}},
			},
		},
		{
			name:    "a singleton keeps its person",
			records: []LinkRecord{{ID: 7, PersonID: 20}},
			want:    LinkPlan{Assignments: []Assignment{{7, 20, LinkSingleton}}},
		},
		{
			name:    "a record whose ID became valid keeps its person, now keyed",
			records: []LinkRecord{{ID: 8, IDNumber: b, IDValid: true, PersonID: 21}},
			want: LinkPlan{
				Promotions:  []Promotion{{21, b}},
				Assignments: []Assignment{{8, 21, LinkExactID}},
			},
		},
		{
			name:    "a singleton whose ID became valid joins an existing keyed person",
			records: []LinkRecord{{ID: 9, IDNumber: b, IDValid: true, PersonID: 22}},
			keyed:   map[string]int64{b: 30},
			want:    LinkPlan{Assignments: []Assignment{{9, 30, LinkExactID}}},
		},
		{
			name:    "a record that lost its valid ID leaves the keyed person",
			records: []LinkRecord{{ID: 10, PersonID: 30, PersonKeyed: true}},
			keyed:   map[string]int64{b: 30},
			want: LinkPlan{
				NewPersons:  []NewPerson{{}},
				Assignments: []Assignment{{10, -1, LinkSingleton}},
			},
		},
		{
			name: "two singletons with a newly valid shared ID: lowest record id's person survives",
			records: []LinkRecord{
				{ID: 12, IDNumber: a, IDValid: true, PersonID: 41},
				{ID: 11, IDNumber: a, IDValid: true, PersonID: 40},
			},
			want: LinkPlan{
				Promotions:  []Promotion{{40, a}},
				Assignments: []Assignment{{12, 40, LinkExactID}, {11, 40, LinkExactID}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := PlanExactLinks(tt.records, tt.keyed)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("plan =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestPlanExactLinksNeverSharesInvalidIDs(t *testing.T) {
	t.Parallel()
	var recs []LinkRecord
	for i := int64(1); i <= 50; i++ {
		recs = append(recs, LinkRecord{ID: i, IDNumber: "110105194912310021", IDValid: false})
	}
	seen := map[int64]bool{}
	for _, a := range PlanExactLinks(recs, nil).Assignments {
		if seen[a.PersonID] {
			t.Fatalf("person %d assigned twice", a.PersonID)
		}
		seen[a.PersonID] = true
	}
}

package jobs

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/vethub/vethub/feed"
)

func TestPlacementScore(t *testing.T) {
	t.Parallel()
	rule := DefaultPlacementRule()
	tests := []struct {
		name    string
		soldier Soldier
		want    float64
	}{
		{"8 years 7 months count 9", Soldier{EnlistDate: feed.NewDate(2016, 9, 1), DischargeDate: feed.NewDate(2025, 4, 1)}, 27},
		{"8 years 3 months count 8.5", Soldier{EnlistDate: feed.NewDate(2016, 9, 1), DischargeDate: feed.NewDate(2024, 12, 1)}, 25.5},
		{"14 years: 4 points beyond 12", Soldier{EnlistDate: feed.NewDate(2010, 9, 1), DischargeDate: feed.NewDate(2024, 9, 1)}, 44},
		{"merits, disability, hardship, punishment", Soldier{
			EnlistDate: feed.NewDate(2016, 9, 1), DischargeDate: feed.NewDate(2025, 4, 1),
			Merits:          []Merit{{Kind: "THIRD_CLASS"}, {Kind: "COMMENDATION"}, {Kind: "COMMENDATION"}, {Kind: "SECOND_CLASS", Wartime: true}},
			DisabilityGrade: 8, DisabilityCause: "DUTY", HardshipMonths: map[int]int{3: 24}, Punishments: []string{"WARNING"},
		}, 27 + 10 + 1 + 40 + 10 + 3.6 - 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := rule.Score(&tc.soldier)
			if diff := got.Total - tc.want; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("score %v, want %v: %v", got.Total, tc.want, got.Items)
			}
		})
	}
}

func TestPlacementRuleVersions(t *testing.T) {
	t.Parallel()
	src := strings.Replace(string(placementYAML), "versions:\n", `versions:
  - id: "2023"
    dischargedFrom: 2022-12-01
    serviceYears: {pointsPerYear: 5, upToYears: 30, pointsPerYearBeyond: 5, halfYearBelowMonths: 6}
`, 1)
	rule, err := ParsePlacementRule([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	old := Soldier{EnlistDate: feed.NewDate(2018, 9, 1), DischargeDate: feed.NewDate(2022, 9, 1)}
	recent := Soldier{EnlistDate: feed.NewDate(2019, 9, 1), DischargeDate: feed.NewDate(2023, 9, 1)}
	if s := rule.Score(&old); s.Version != "2018" || s.Total != 12 {
		t.Errorf("discharged 2022-09: %s %v, want 2018 and 12", s.Version, s.Total)
	}
	if s := rule.Score(&recent); s.Version != "2023" || s.Total != 20 {
		t.Errorf("discharged 2023-09: %s %v, want 2023 and 20", s.Version, s.Total)
	}
	for _, bad := range []string{"versions: []", "versions: [{id: x, dischargedFrom: 2020-02-30}]", "tieBreak: [height]\nversions: [{id: x, dischargedFrom: 2020-01-01}]", "versionz: 1"} {
		if _, err := ParsePlacementRule([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// years builds a soldier with n whole years of service and choices.
func years(id int64, n int, birth feed.Date, choices ...string) Soldier {
	return Soldier{ID: id, BirthDate: birth, EnlistDate: feed.NewDate(2024-n, 9, 1), DischargeDate: feed.NewDate(2024, 9, 1), Choices: choices}
}

func TestPlanOrderAndTieBreak(t *testing.T) {
	t.Parallel()
	born := feed.NewDate(2000, 1, 1)
	soldiers := []Soldier{
		years(1, 5, born, "A", "B"),
		years(2, 8, born, "A", "B"),
		years(3, 5, born.AddDays(-1), "A", "B", "C"), // same score as 1, older
		years(4, 2, born, "A"),
	}
	hero := years(5, 2, born, "B")
	hero.Honors = []string{"BAYI_MEDAL"}
	soldiers = append(soldiers, hero)
	plan, err := Plan(soldiers, []Post{{ID: "A", Capacity: 1}, {ID: "B", Capacity: 2}, {ID: "C", Capacity: 1}}, DefaultPlacementRule())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range plan.Allocations {
		got = append(got, fmt.Sprintf("%d→%s", a.SoldierID, a.PostID))
	}
	want := []string{"5→B", "2→A", "3→B", "1→", "4→"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("plan %v, want %v", got, want)
	}
	if e := plan.Allocations[2].Explain; !strings.Contains(e, "choice 2 B because A: full") {
		t.Errorf("explanation %q does not say A was full", e)
	}
}

func TestPlanRejectsDuplicates(t *testing.T) {
	t.Parallel()
	rule := DefaultPlacementRule()
	if _, err := Plan([]Soldier{{ID: 1}, {ID: 1}}, nil, rule); err == nil {
		t.Error("duplicate soldier accepted")
	}
	if _, err := StablePlan(nil, []Post{{ID: "A"}, {ID: "A"}}, rule); err == nil {
		t.Error("duplicate post accepted")
	}
}

// randomBatch draws n soldiers choosing among m posts and posts ranking
// soldiers at random when ranked is set.
func randomBatch(r *rand.Rand, n, m int, ranked bool) ([]Soldier, []Post) {
	soldiers := make([]Soldier, n)
	for i := range soldiers {
		s := years(int64(i+1), 1+r.IntN(16), feed.NewDate(1990+r.IntN(15), 1, 1+r.IntN(28)))
		if r.IntN(4) == 0 {
			s.Merits = []Merit{{Kind: "THIRD_CLASS"}}
		}
		for range 1 + r.IntN(8) {
			s.Choices = append(s.Choices, fmt.Sprintf("P%05d", r.IntN(m)))
		}
		soldiers[i] = s
	}
	posts := make([]Post, m)
	for i := range posts {
		posts[i] = Post{ID: fmt.Sprintf("P%05d", i), Capacity: 1 + r.IntN(2)}
		if ranked {
			for _, k := range r.Perm(n) {
				posts[i].Ranking = append(posts[i].Ranking, int64(k+1))
			}
		}
	}
	return soldiers, posts
}

// With one common ranking (the choosing order), deferred acceptance gives
// the serial-dictatorship plan.
func TestStablePlanEqualsPlanWithoutRankings(t *testing.T) {
	t.Parallel()
	soldiers, posts := randomBatch(rand.New(rand.NewPCG(1, 2)), 400, 150, false)
	rule := DefaultPlacementRule()
	a, _ := Plan(soldiers, posts, rule)
	b, _ := StablePlan(soldiers, posts, rule)
	for i := range a.Allocations {
		if a.Allocations[i].PostID != b.Allocations[i].PostID {
			t.Fatalf("soldier %d: Plan %q, StablePlan %q", a.Allocations[i].SoldierID, a.Allocations[i].PostID, b.Allocations[i].PostID)
		}
	}
}

// No soldier and post would both rather have each other.
func TestStablePlanIsStable(t *testing.T) {
	t.Parallel()
	soldiers, posts := randomBatch(rand.New(rand.NewPCG(3, 4)), 300, 120, true)
	plan, err := StablePlan(soldiers, posts, DefaultPlacementRule())
	if err != nil {
		t.Fatal(err)
	}
	at := map[int64]Allocation{}
	holders := map[string][]int64{}
	for _, a := range plan.Allocations {
		at[a.SoldierID] = a
		if a.PostID != "" {
			holders[a.PostID] = append(holders[a.PostID], a.SoldierID)
		}
	}
	rank := map[string]map[int64]int{}
	for _, p := range posts {
		rank[p.ID] = map[int64]int{}
		for i, s := range p.Ranking {
			rank[p.ID][s] = i
		}
	}
	placed := 0
	for _, s := range soldiers {
		a := at[s.ID]
		if a.PostID != "" {
			placed++
		}
		for k, id := range s.Choices {
			if a.Choice != 0 && k+1 >= a.Choice {
				break // only posts the soldier prefers to their own
			}
			cap := posts[postIndex(id)].Capacity
			if len(holders[id]) < cap {
				t.Fatalf("soldier %d prefers %s, which has a free place", s.ID, id)
			}
			for _, h := range holders[id] {
				if rank[id][s.ID] < rank[id][h] {
					t.Fatalf("blocking pair: %s ranks soldier %d above its holder %d", id, s.ID, h)
				}
			}
		}
	}
	if placed < 100 {
		t.Errorf("only %d soldiers placed", placed)
	}
}

func postIndex(id string) int {
	var n int
	fmt.Sscanf(id, "P%05d", &n)
	return n
}

// Re-running on shuffled input gives the same plan.
func TestPlansAreDeterministic(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	soldiers, posts := randomBatch(r, 300, 100, true)
	rule := DefaultPlacementRule()
	for _, run := range []func([]Soldier, []Post, *PlacementRule) (PlacementPlan, error){Plan, StablePlan} {
		want, _ := run(soldiers, posts, rule)
		shuffled := append([]Soldier(nil), soldiers...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, _ := run(shuffled, posts, rule)
		if !reflect.DeepEqual(got, want) {
			t.Fatal("a shuffled batch gives another plan")
		}
	}
}

// Placement of 10,000 soldiers into 10,000 posts (target < 1 s).
func BenchmarkPlan10k(b *testing.B) {
	soldiers, posts := randomBatch(rand.New(rand.NewPCG(7, 8)), 10_000, 10_000, false)
	rule := DefaultPlacementRule()
	for b.Loop() {
		if _, err := Plan(soldiers, posts, rule); err != nil {
			b.Fatal(err)
		}
	}
}

// Stable matching of 10,000 soldiers and 10,000 ranking posts.
func BenchmarkStablePlan10k(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	soldiers, posts := randomBatch(r, 10_000, 10_000, false)
	for i := range posts { // each post ranks the 50 soldiers most likely to apply, at random
		for range 50 {
			posts[i].Ranking = append(posts[i].Ranking, int64(1+r.IntN(len(soldiers))))
		}
	}
	rule := DefaultPlacementRule()
	for b.Loop() {
		if _, err := StablePlan(soldiers, posts, rule); err != nil {
			b.Fatal(err)
		}
	}
}

package jobs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

var (
	benchOccupations = []string{"4-02-02-02", "4-02-02-01", "4-07-05-01", "4-07-05-04", "3-02-03-08", "4-03-02-01",
		"6-29-03-02", "4-02-06-01", "4-02-05-01", "4-02-07-08", "4-04-05-01", "4-12-01-01", "4-14-01-02"}
	benchCounties = []string{"330824", "341103", "440310", "421281", "330803", "341102", "440307", "421202"}
	benchCerts    = []string{"机动车驾驶证A2", "机动车驾驶证B2", "机动车驾驶证C1", "电工证", "保安员证", "叉车证"}
)

// randomRegion is a county, township or village code in one of the
// bench counties.
func randomRegion(r *rand.Rand) string {
	c := benchCounties[r.IntN(len(benchCounties))]
	switch r.IntN(3) {
	case 0:
		return c
	case 1:
		return fmt.Sprintf("%s%03d", c, 100+r.IntN(20))
	}
	return fmt.Sprintf("%s%03d%03d", c, 100+r.IntN(20), 1+r.IntN(30))
}

func randomPostings(r *rand.Rand, n int) []Posting {
	out := make([]Posting, n)
	for i := range out {
		j := Posting{
			SourceID: fmt.Sprintf("JY-%07d", i), Occupation: benchOccupations[r.IntN(len(benchOccupations))],
			Region: randomRegion(r), MinEducation: r.IntN(4) - 1, MinAge: 18, MaxAge: 40 + r.IntN(20),
			Demand: Demand(1 + r.IntN(3)), SalaryMax: float64(3000 + 100*r.IntN(90)), Openings: 1 + r.IntN(5),
			VeteranPreferred: r.IntN(3) == 0, ClosesOn: testToday.AddDays(r.IntN(60) - 5),
		}
		if r.IntN(3) == 0 {
			j.RequiredSkills = []string{benchCerts[r.IntN(len(benchCerts))]}
		}
		out[i] = j
	}
	return out
}

func randomProfiles(r *rand.Rand, n int) []Profile {
	out := make([]Profile, n)
	for i := range out {
		p := Profile{
			PersonID: int64(n - i), Seeking: true, Veteran: true, Age: 20 + r.IntN(40), Education: r.IntN(7) - 1,
			Region: randomRegion(r), MaxDemand: Demand(1 + r.IntN(3)), Certificates: []string{},
		}
		for range 1 + r.IntN(3) {
			p.Targets = append(p.Targets, Target{Code: benchOccupations[r.IntN(len(benchOccupations))], Level: FitLevel(r.IntN(4)), Via: "bench"})
		}
		p.Targets = mergeTargets(p.Targets)
		if r.IntN(4) == 0 {
			p.PreferredRegions = []string{randomRegion(r)}
		}
		if r.IntN(2) == 0 {
			p.Certificates = append(p.Certificates, benchCerts[r.IntN(len(benchCerts))])
		}
		out[i] = p
	}
	return out
}

// bruteForce scores every pair and sorts like the indexes do.
func bruteForce(w Weights, pairs func(yield func(Match))) []Match {
	var all []Match
	pairs(func(m Match) { all = append(all, m) })
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].Score != all[b].Score {
			return all[a].Score > all[b].Score
		}
		if all[a].JobID != all[b].JobID {
			return all[a].JobID < all[b].JobID
		}
		return all[a].PersonID < all[b].PersonID
	})
	return all
}

func sameMatches(t *testing.T, what string, got, want []Match) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d matches, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].PersonID != want[i].PersonID || got[i].JobID != want[i].JobID || got[i].Score != want[i].Score {
			t.Fatalf("%s: match %d is %d/%s %.2f, want %d/%s %.2f", what, i,
				got[i].PersonID, got[i].JobID, got[i].Score, want[i].PersonID, want[i].JobID, want[i].Score)
		}
	}
}

// The indexes return exactly what scoring every pair would.
func TestIndexesAgreeWithFullScan(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	postings, profiles := randomPostings(r, 3000), randomProfiles(r, 3000)
	w := DefaultWeights()
	jobs, people := NewJobIndex(postings, w), NewProfileIndex(profiles, w)
	found := 0
	defer func() {
		if found < 100 {
			t.Errorf("only %d matches over 50 profiles: the comparison proves little", found)
		}
	}()
	for i := range 50 {
		p := &profiles[i]
		want := bruteForce(w, func(yield func(Match)) {
			for k := range postings {
				if m, ok := w.Score(p, &postings[k], testToday); ok {
					yield(m)
				}
			}
		})
		found += len(want)
		sameMatches(t, fmt.Sprintf("profile %d", p.PersonID), jobs.Top(p, 10, testToday), want[:min(10, len(want))])
		j := &postings[i]
		want = bruteForce(w, func(yield func(Match)) {
			for k := range profiles {
				if m, ok := w.Score(&profiles[k], j, testToday); ok {
					yield(m)
				}
			}
		})
		sameMatches(t, "posting "+j.SourceID, people.Candidates(j, 10, testToday), want[:min(10, len(want))])
	}
}

// Input order never changes the answer.
func TestIndexIgnoresInputOrder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	postings, profiles := randomPostings(r, 2000), randomProfiles(r, 50)
	a := NewJobIndex(postings, DefaultWeights())
	shuffled := slices.Clone(postings)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b := NewJobIndex(shuffled, DefaultWeights())
	for i := range profiles {
		sameMatches(t, "shuffled", b.Top(&profiles[i], 10, testToday), a.Top(&profiles[i], 10, testToday))
	}
}

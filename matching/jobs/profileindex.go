package jobs

import (
	"cmp"
	"slices"

	"github.com/vethub/vethub/feed"
)

// ProfileIndex answers the best candidates for a posting. It is immutable
// and safe for concurrent use.
type ProfileIndex struct {
	weights  Weights
	profiles []Profile // by PersonID
	byPlace  buckets   // a profile is listed under every prefecture it reaches
	wide     map[string][]int32
}

// NewProfileIndex indexes profiles (copied, sorted by PersonID) for
// weights w. Pass the profiles to consider, usually the Seeking ones.
func NewProfileIndex(profiles []Profile, w Weights) *ProfileIndex {
	x := &ProfileIndex{weights: w, profiles: slices.Clone(profiles), byPlace: buckets{}, wide: map[string][]int32{}}
	slices.SortStableFunc(x.profiles, func(a, b Profile) int { return cmp.Compare(a.PersonID, b.PersonID) })
	for i := range x.profiles {
		x.insert(int32(i))
	}
	return x
}

// insert lists a profile under each (family, prefecture) it can match in,
// or, when it reaches wider than prefectures (a preferred province, or
// weights that reach further), once among the wide profiles of the family.
// Either way a profile is listed once per posting's bucket.
func (x *ProfileIndex) insert(i int32) {
	p := &x.profiles[i]
	prefs := reachablePrefectures(p, x.weights.Reach)
	wide := slices.ContainsFunc(prefs, func(pref string) bool { return len(pref) < 4 })
	for _, fam := range p.Families() {
		if wide {
			x.wide[fam] = append(x.wide[fam], i)
			continue
		}
		for _, pref := range prefs {
			x.byPlace.add(fam, pref, i)
		}
	}
}

// Len is the number of profiles indexed.
func (x *ProfileIndex) Len() int { return len(x.profiles) }

// Candidates returns the k best profiles for posting j on today, best
// first: score, then person id. None when the posting is not open.
func (x *ProfileIndex) Candidates(j *Posting, k int, today feed.Date) []Match {
	fam, pref := family(j.Occupation), prefecture(j.Region)
	if k <= 0 || fam == "" || pref == "" || !j.Open(today) {
		return nil
	}
	top := newTopK(k)
	scan := func(list []int32) {
		for _, i := range list {
			if s, ok := x.weights.score(&x.profiles[i], j, today, nil); ok && s >= top.worst() {
				top.add(ranked{s, i})
			}
		}
	}
	scan(x.byPlace[fam][pref])
	scan(x.wide[fam])
	out := make([]Match, len(top.items))
	for n, r := range top.items {
		out[n], _ = x.weights.Score(&x.profiles[r.idx], j, today)
	}
	return out
}

package jobs

import (
	"slices"
	"strings"

	"github.com/vethub/vethub/feed"
)

// buckets groups item indexes by occupation family, then prefecture; each
// list is ascending.
type buckets map[string]map[string][]int32

func (b buckets) add(fam, pref string, i int32) {
	m := b[fam]
	if m == nil {
		m = map[string][]int32{}
		b[fam] = m
	}
	if l := m[pref]; len(l) == 0 || l[len(l)-1] != i {
		m[pref] = append(l, i)
	}
}

// JobIndex answers the best postings for a profile. It is immutable and
// safe for concurrent use.
type JobIndex struct {
	weights  Weights
	postings []Posting // by SourceID
	byPlace  buckets
}

// NewJobIndex indexes postings (copied, sorted by SourceID) for weights w.
// Postings without an occupation code never match and are left out.
func NewJobIndex(postings []Posting, w Weights) *JobIndex {
	x := &JobIndex{weights: w, byPlace: buckets{}}
	for _, j := range postings {
		if family(j.Occupation) != "" && prefecture(j.Region) != "" {
			x.postings = append(x.postings, j)
		}
	}
	slices.SortStableFunc(x.postings, func(a, b Posting) int { return strings.Compare(a.SourceID, b.SourceID) })
	for i := range x.postings {
		j := &x.postings[i]
		x.byPlace.add(family(j.Occupation), prefecture(j.Region), int32(i))
	}
	return x
}

// Len is the number of postings indexed.
func (x *JobIndex) Len() int { return len(x.postings) }

// Top returns the k best open postings for p on today, best first: score,
// then sourceId. It reads only the postings of p's occupation families in
// the prefectures p can reach (home, and those of preferred regions).
func (x *JobIndex) Top(p *Profile, k int, today feed.Date) []Match {
	if k <= 0 {
		return nil
	}
	top := newTopK(k)
	prefs := reachablePrefectures(p, x.weights.Reach)
	for _, fam := range p.Families() {
		byPref := x.byPlace[fam]
		for pref, list := range byPref {
			if !reaches(prefs, pref) {
				continue
			}
			for _, i := range list {
				if s, ok := x.weights.score(p, &x.postings[i], today, nil); ok && s >= top.worst() {
					top.add(ranked{s, i})
				}
			}
		}
	}
	out := make([]Match, len(top.items))
	for n, r := range top.items {
		out[n], _ = x.weights.Score(p, &x.postings[r.idx], today)
	}
	return out
}

// reachablePrefectures lists the region-code prefixes (2 or 4 digits, or
// "" for everywhere) where a match for p can lie.
func reachablePrefectures(p *Profile, reach Proximity) []string {
	var out []string
	switch {
	case reach <= Elsewhere:
		return []string{""}
	case reach == SameProvince && len(p.Region) >= 2:
		out = append(out, p.Region[:2])
	case len(p.Region) >= 4:
		out = append(out, p.Region[:4])
	}
	for _, r := range p.PreferredRegions {
		out = append(out, r[:min(len(r), 4)])
	}
	return out
}

// reaches reports whether a prefecture lies within one of the prefixes.
func reaches(prefixes []string, pref string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(pref, p) {
			return true
		}
	}
	return false
}

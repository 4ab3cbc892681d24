package synth

// match is one graded job for a seeker; key orders matches best first.
type match struct {
	job   int32
	grade int8
	key   uint64 // (3−grade, rank): smaller is better
}

// occupationScore: 2 for a preferred occupation, 1 for one the specialty or
// a certificate leads to (the curated crosswalk), else 0.
func occupationScore(v *vetFacts, occ int) int {
	if v.prefOcc&(1<<occ) != 0 {
		return 2
	}
	if v.specialty >= 0 {
		for _, o := range specialties[v.specialty].occs {
			if o == occ {
				return 1
			}
		}
	}
	for sk := range skillTable {
		if v.skills&(1<<sk) == 0 {
			continue
		}
		for _, o := range skillTable[sk].occs {
			if o == occ {
				return 1
			}
		}
	}
	return 0
}

// regionPrefs is a seeker's preferred regions within one county.
type regionPrefs struct {
	home  bool // the seeker's own county
	whole bool // the county itself is preferred
	towns [3]*township
	n     int
}

// prefsIn resolves p's preferred region codes within county c.
func prefsIn(p *person, c *county) regionPrefs {
	rp := regionPrefs{home: c == p.county()}
	for _, pr := range p.vet.prefRegions[:p.vet.nPrefRegions] {
		switch {
		case pr == c.code:
			rp.whole = true
		case hasPrefix(pr, c.code):
			for _, t := range c.towns {
				if hasPrefix(pr, t.code) {
					rp.towns[rp.n] = t
					rp.n++
					break
				}
			}
		}
	}
	return rp
}

// score: 2 when the job lies in (or contains) a preferred region, 1 when
// it is in the seeker's own county, else 0.
func (rp *regionPrefs) score(j *job) int {
	if rp.whole || (j.town == nil && rp.n > 0) {
		return 2
	}
	for _, t := range rp.towns[:rp.n] {
		if t == j.town {
			return 2
		}
	}
	if rp.home {
		return 1
	}
	return 0
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// capacity is the heaviest physical demand a seeker can take: age and the
// registry's disability grade decide.
func capacity(age int, grade uint8) uint8 {
	switch {
	case age <= 45 && (grade == 0 || grade >= 9):
		return demandHeavy
	case age <= 55 && (grade == 0 || grade >= 7):
		return demandMedium
	}
	return demandLight
}

// fits checks the hard requirements: age, education, certificates and
// physical demand.
func fits(v *vetFacts, age int, j *job) bool {
	return age >= j.minAge && age <= j.maxAge && v.education >= j.minEdu &&
		v.skills&j.skills == j.skills && j.demand <= capacity(age, v.disGrade)
}

// gradeJob grades job j for p: 3 when occupation and region are both
// preferred, 2 when one is, 1 when both only fit; 0 is no match.
func gradeJob(p *person, rp *regionPrefs, occScore, age int, j *job) int {
	reg := rp.score(j)
	if reg == 0 || !fits(&p.vet, age, j) {
		return 0
	}
	return occScore + reg - 1
}

// topMatches keeps the best n matches, sorted, by insertion: n is small
// and most candidates lose to the current worst at once.
type topMatches struct {
	n  int
	ms []match
}

func (t *topMatches) full() bool { return len(t.ms) == t.n }

func (t *topMatches) add(m match) {
	if t.full() && m.key >= t.ms[len(t.ms)-1].key {
		return
	}
	if !t.full() {
		t.ms = append(t.ms, m)
	}
	i := len(t.ms) - 1
	for ; i > 0 && t.ms[i-1].key > m.key; i-- {
		t.ms[i] = t.ms[i-1]
	}
	t.ms[i] = m
}

func matchKey(grade int, rank int32) uint64 { return uint64(3-grade)<<32 | uint64(rank) }

// matches returns the best JobMatchCap graded jobs for seeker p: grade,
// then higher salaryMax, then posting order. Each county-occupation group
// is scanned in that order, so a scan stops once nothing later can enter.
func (w *world) matches(p *person, buf []match) []match {
	top := topMatches{n: w.cfg.JobMatchCap, ms: buf[:0]}
	age := p.birth.ageOn(w.today)
	for _, c := range w.counties {
		rp := prefsIn(p, c)
		if !rp.home && !rp.whole && rp.n == 0 {
			continue
		}
		best := 2 // the region score a job here can reach
		if !rp.whole && rp.n == 0 {
			best = 1
		}
		for occ := range occupations {
			occScore := occupationScore(&p.vet, occ)
			if occScore == 0 {
				continue
			}
			for _, ji := range w.jobIndex[c.idx][occ] {
				rank := w.jobRank[ji]
				if top.full() && matchKey(occScore+best-1, rank) >= top.ms[len(top.ms)-1].key {
					break
				}
				if g := gradeJob(p, &rp, occScore, age, &w.jobs[ji]); g > 0 {
					top.add(match{job: ji, grade: int8(g), key: matchKey(g, rank)})
				}
			}
		}
	}
	return top.ms
}

// appendJobMatches writes the truth/jobs.ndjson lines of seeker p and
// returns how many.
func (w *world) appendJobMatches(b []byte, p *person, buf *[]match) ([]byte, int) {
	*buf = w.matches(p, *buf)
	o := obj{b: b}
	for _, m := range *buf {
		o.begin()
		o.personKey(p.index)
		o.str("jobSourceId", w.jobs[m.job].sourceID)
		o.int("grade", int(m.grade))
		o.end()
	}
	return o.b, len(*buf)
}

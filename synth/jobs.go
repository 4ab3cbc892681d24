package synth

import (
	"math"
	"math/rand/v2"
	"sort"
)

// job is one posting of the employment service.
type job struct {
	sourceID string
	version  int
	asOf     day
	employer string
	title    string
	occ      int
	skills   uint32 // bit mask over skillTable
	minEdu   uint8
	minAge   int
	maxAge   int
	demand   uint8
	region   string
	county   *county
	town     *township // nil when the posting names only the county
	salMin   float64
	salMax   float64
	openings int
	vetPref  bool
	closes   day
}

var (
	// Postings by county: 开化县, 南谯区, 坪山区, 赤壁市 (refdata order).
	jobCountyShare = map[string]float64{"330824": 0.15, "341103": 0.20, "440310": 0.40, "421281": 0.25}
	openingsTable  = []int{1, 2, 3, 5, 10, 20, 30}
	openingsPick   = newWeighted(0.35, 0.2, 0.15, 0.12, 0.1, 0.05, 0.03)
)

const brandChars = "顺达华通鑫源恒泰宏远金盛永安众诚天成嘉信瑞丰广汇锦程中联新特力邦宇航骏驰"

// genJobs draws the postings from their own stream, before any person, so
// the jobs do not depend on the population size beyond their number.
func (w *world) genJobs() []job {
	r := newRand(w.cfg.Seed, streamJobs, 0)
	ws := make([]float64, len(w.counties))
	for i, c := range w.counties {
		ws[i] = jobCountyShare[c.code]
	}
	countyPick := newWeighted(ws...)
	townPicks := make([]weighted, len(w.counties))
	for i, c := range w.counties {
		tw := make([]float64, len(c.towns))
		for j, t := range c.towns {
			tw[j] = townWeight(t.code)
			if tw[j] < 0.5 { // parks and zones employ more than they house
				tw[j] = 2
			}
		}
		townPicks[i] = newWeighted(tw...)
	}
	brand := []rune(brandChars)
	jobs := make([]job, w.cfg.Jobs)
	for i := range jobs {
		c := w.counties[countyPick.pick(r)]
		j := &jobs[i]
		j.county = c
		j.region = c.code
		if chance(r, 0.85) {
			j.town = c.towns[townPicks[c.idx].pick(r)]
			j.region = j.town.code
		}
		j.sourceID = string(appendPadded([]byte("JY-"+c.code+"-"), uint64(i+1), 6))
		w.fillJob(r, j, brand)
	}
	return jobs
}

func (w *world) fillJob(r *rand.Rand, j *job, brand []rune) {
	j.occ = w.occPick.pick(r)
	o := &occupations[j.occ]
	j.title = o.titles[r.IntN(len(o.titles))]
	j.employer = j.county.params.employerPlace + string(brand[r.IntN(len(brand))]) +
		string(brand[r.IntN(len(brand))]) + o.industry
	for _, sk := range o.skills[r.IntN(len(o.skills))] {
		j.skills |= 1 << sk
	}
	j.minEdu = o.minEdu[r.IntN(len(o.minEdu))]
	ages := o.ages[r.IntN(len(o.ages))]
	j.minAge, j.maxAge = ages[0], ages[1]
	j.demand = o.demand[r.IntN(len(o.demand))]
	f := j.county.params.wageFactor * uniform(r, 0.9, 1.1)
	lo := clampWage(math.Round(o.salary[0]*f/100) * 100)
	j.salMin = lo
	j.salMax = clampWage(math.Round(lo*uniform(r, 1.2, 1.6)/100) * 100)
	j.openings = openingsTable[openingsPick.pick(r)]
	pref := 0.35
	if j.occ == occSecurity || j.occ == occFireOperator || j.occ == occRescue {
		pref = 0.6
	}
	j.vetPref = chance(r, pref)
	j.closes = w.today + day(between(r, 7, 120))
	j.asOf = w.today - day(r.IntN(61))
	j.version = between(r, 1, 3)
}

// clampWage keeps monthly salaries within 3,000–12,000 yuan.
func clampWage(v float64) float64 { return min(max(v, 3000), 12000) }

// indexJobs groups job indexes by county and occupation for matching,
// each group in match order: higher salaryMax first, then posting order.
func (w *world) indexJobs() {
	order := make([]int32, len(w.jobs))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return w.jobs[order[a]].salMax > w.jobs[order[b]].salMax })
	w.jobRank = make([]int32, len(w.jobs))
	for rank, ji := range order {
		w.jobRank[ji] = int32(rank)
	}
	w.jobIndex = make([][][]int32, len(w.counties))
	for i := range w.jobIndex {
		w.jobIndex[i] = make([][]int32, len(occupations))
	}
	for _, ji := range order {
		j := &w.jobs[ji]
		w.jobIndex[j.county.idx][j.occ] = append(w.jobIndex[j.county.idx][j.occ], ji)
	}
}

// appendJob writes one jobs.ndjson line.
func appendJob(b []byte, j *job) []byte {
	o := obj{b: b}
	o.begin()
	o.str("sourceId", j.sourceID)
	o.int("sourceVersion", j.version)
	o.date("asOf", j.asOf)
	o.str("employer", j.employer)
	o.str("title", j.title)
	o.str("occupationCode", occupations[j.occ].code)
	o.maskList("requiredSkills", j.skills, skillNames)
	o.str("minEducation", educationNames[j.minEdu])
	o.int("minAge", j.minAge)
	o.int("maxAge", j.maxAge)
	o.str("physicalDemand", demandNames[j.demand])
	o.str("regionCode", j.region)
	o.money("salaryMin", j.salMin)
	o.money("salaryMax", j.salMax)
	o.int("openings", j.openings)
	o.boolean("veteranPreferred", j.vetPref)
	o.date("closesOn", j.closes)
	o.end()
	return o.b
}

package synth

import "math/rand/v2"

// world holds everything shared, read-only, by the shard workers.
type world struct {
	cfg        Config
	today      day
	counties   []*county
	byCode     map[string]*county
	countyPick weighted
	names      *namer
	jobs       []job
	jobIndex   [][][]int32 // [county][occupation] → job indexes in match order
	jobRank    []int32     // position of each job in match order
	specPick   weighted
	occPick    weighted
}

// Draw tables that never change.
var (
	headRolePick = newWeighted(0.94, 0.04, 0.02) // veteran, survivor, active-duty family
	vetAgeBands  = [][2]int{{20, 29}, {30, 44}, {45, 59}, {60, 74}, {75, 84}, {85, 95}}
	vetAgePick   = newWeighted(0.18, 0.25, 0.27, 0.20, 0.08, 0.02)
	survAgeBands = [][2]int{{35, 49}, {50, 69}, {70, 95}}
	survAgePick  = newWeighted(0.2, 0.4, 0.4)
	phonePrefix  = []uint64{3, 5, 7, 8, 9}
	phonePick    = newWeighted(0.3, 0.25, 0.1, 0.3, 0.05)
)

func newWorld(cfg Config) (*world, error) {
	cs, err := loadCounties(cfg.DibaoStandards)
	if err != nil {
		return nil, err
	}
	w := &world{cfg: cfg, today: dayOf(cfg.Today), counties: cs, byCode: map[string]*county{}, names: newNamer()}
	shares := make([]float64, len(cs))
	for i, c := range cs {
		shares[i] = c.params.share
		w.byCode[c.code] = c
	}
	w.countyPick = newWeighted(shares...)
	ws := make([]float64, len(specialties))
	for i, s := range specialties {
		ws[i] = s.weight
	}
	w.specPick = newWeighted(ws...)
	ws = make([]float64, len(occupations))
	for i, o := range occupations {
		ws[i] = o.weight
	}
	w.occPick = newWeighted(ws...)
	w.jobs = w.genJobs()
	w.indexJobs()
	return w, nil
}

// drawPhone draws an 11-digit mobile number.
func drawPhone(r *rand.Rand) uint64 {
	return 10_000_000_000 + phonePrefix[phonePick.pick(r)]*1_000_000_000 + r.Uint64N(1_000_000_000)
}

// drawBirth draws a birth date for someone aged exactly age on today.
func (w *world) drawBirth(r *rand.Rand, age int) day {
	return w.today.addYears(-age) - day(between(r, 1, 364))
}

// drawSeq draws an ID sequence with the right parity; 996–999 are avoided
// because upgrade rules read them as 18xx births.
func drawSeq(r *rand.Rand, male bool) uint16 {
	if male {
		return uint16(2*r.IntN(498) + 1)
	}
	return uint16(2 * (1 + r.IntN(497)))
}

// drawIDAddr draws the address code in a person's ID number: usually the
// county of residence, sometimes where they were first registered.
func drawIDAddr(r *rand.Rand, c *county) string {
	if chance(r, c.params.elsewhereShare) {
		return c.params.elsewhere[c.elsewherePick.pick(r)]
	}
	return c.code
}

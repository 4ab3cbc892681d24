package synth

import (
	"math"
	"math/rand/v2"
)

var seriousPick = func() weighted {
	ws := make([]float64, len(seriousTable))
	for i, s := range seriousTable {
		ws[i] = s.weight
	}
	return newWeighted(ws...)
}()

// ageBand indexes icd.prev: under 40, 40–59, 60 and over.
func ageBand(age int) int {
	switch {
	case age < 40:
		return 0
	case age < 60:
		return 1
	}
	return 2
}

// healthConditions draws diagnoses, disability and dementia (costs come
// later, once household income is known).
func (w *world) healthConditions(r *rand.Rand, p *person) {
	h := &p.hea
	age := p.birth.ageOn(w.today)
	band := ageBand(age)
	for i, c := range chronicTable {
		prev := c.prev[band]
		if c.code == "J44" && p.male {
			prev *= 1.5
		}
		if chance(r, prev) {
			h.chronic |= 1 << i
		}
	}
	grade14 := p.vet.disGrade >= 1 && p.vet.disGrade <= severeGrade
	switch {
	case p.planted&sitDisabledIll != 0:
		h.serious = drawSerious(r, p, 1+r.IntN(2))
	case grade14 || p.seeker:
		// A serious illness here would make the disabled-veteran rule fire.
	case p.planted&sitMedical != 0 && chance(r, 0.6):
		h.serious = drawSerious(r, p, 1)
	case chance(r, [3]float64{0.005, 0.03, 0.05}[band]):
		h.serious = drawSerious(r, p, 1)
	}
	if p.planted&sitMedical != 0 && h.serious == 0 && h.chronic == 0 {
		h.chronic |= 1 << r.IntN(len(chronicTable))
	}
	if !p.seeker {
		w.functional(r, p, age)
	}
}

func drawSerious(r *rand.Rand, p *person, n int) uint32 {
	var m uint32
	for tries := 0; popcount(m) < n && tries < 20; tries++ {
		i := seriousPick.pick(r)
		if s := seriousTable[i].sex; s == 0 || (s == 'F') == !p.male {
			m |= 1 << i
		}
	}
	return m
}

// functional draws 失能 and 失智 by age, and plants them when asked.
func (w *world) functional(r *rand.Rand, p *person, age int) {
	h := &p.hea
	var sev, mod, mild, dem float64
	switch {
	case age >= 80:
		sev, mod, mild, dem = 0.06, 0.10, 0.15, 0.07
	case age >= 65:
		sev, mod, mild, dem = 0.015, 0.04, 0.08, 0.025
	default:
		sev, mod, mild, dem = 0.003, 0.007, 0.02, 0.001
	}
	switch x := r.Float64(); {
	case x < sev:
		h.functional = fnSevere
	case x < sev+mod:
		h.functional = fnModerate
	case x < sev+mod+mild:
		h.functional = fnMild
	}
	h.dementia = chance(r, dem)
	if p.planted&sitSevereAlone != 0 {
		if chance(r, 0.6) {
			h.functional = fnSevere
		} else {
			h.dementia = true
			h.functional = max(h.functional, fnModerate)
		}
	}
}

// healthCosts draws last year's costs, consistent with the diagnoses and,
// unless a medical burden is planted, well below the rule's share of
// household income.
func (w *world) healthCosts(r *rand.Rand, p *person) {
	h := &p.hea
	y, _, _ := w.today.ymd()
	h.costYear = y - 1
	total := uniform(r, 100, 1500)
	for i := range chronicTable {
		if h.chronic&(1<<i) != 0 {
			total += uniform(r, 800, 4000)
		}
	}
	switch {
	case h.serious != 0:
		h.stays = uint8(between(r, 1, 5))
		total += float64(popcount(h.serious)) * uniform(r, 30000, 150000)
	case h.chronic != 0 && chance(r, 0.1):
		h.stays = uint8(between(r, 1, 2))
	case chance(r, 0.04):
		h.stays = 1
	}
	total += float64(h.stays) * uniform(r, 3000, 9000)
	total += [4]float64{0, 0, 4000, 12000}[h.functional]
	if h.dementia {
		total += uniform(r, 3000, 12000)
	}
	w.splitCosts(r, p, total)
	age := p.birth.ageOn(w.today)
	h.familyDoctor = chance(r, 0.2)
	if age >= 65 || h.chronic != 0 {
		h.familyDoctor = chance(r, 0.65)
	}
}

// splitCosts divides total into insurance, out-of-pocket and other payers
// (medical assistance, serious-illness insurance).
func (w *world) splitCosts(r *rand.Rand, p *person, total float64) {
	h := &p.hea
	income := householdIncome(&p.civ)
	var oop, insured float64
	if p.planted&sitMedical != 0 {
		oop = income * uniform(r, 0.45, 0.9)
		total = max(total, oop/uniform(r, 0.35, 0.6))
		insured = (total - oop) * uniform(r, 0.85, 1)
	} else {
		other := uniform(r, 0, 0.03)
		if p.civ.dibao == dibaoReceiving || p.civ.extreme {
			other = uniform(r, 0.05, 0.15)
		}
		insured = total * uniform(r, 0.55, 0.8)
		oop = total - insured - total*other
		if limit := safeMedicalShare * income; oop > limit {
			oop = limit * uniform(r, 0.3, 0.95)
			insured = (total - oop) * uniform(r, 0.9, 1)
		}
	}
	h.insured, h.oop = round2(insured), round2(oop)
	h.total = max(round2(total), h.insured+h.oop)
}

// householdIncome is the yearly income of the whole household.
func householdIncome(c *civilFacts) float64 {
	return c.income * float64(c.householdSize) * 12
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

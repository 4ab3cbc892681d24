package synth

import (
	"math"
	"math/rand/v2"
)

var (
	survivorPick = newWeighted(0.3, 0.35, 0.35) // martyr, duty death, illness death
	workStates   = []uint8{empEmployed, empSelfEmployed, empFlexible, empUnemployed, empStudent}
	workPick     = newWeighted(0.55, 0.14, 0.15, 0.10, 0.03)
	// Education by birth cohort: PRIMARY … POSTGRADUATE.
	eduBefore1960 = newWeighted(45, 45, 10, 0, 0, 0, 0)
	eduBefore1980 = newWeighted(10, 55, 25, 7, 3, 0, 0)
	eduBefore1995 = newWeighted(0, 35, 30, 15, 15, 5, 0)
	eduRecent     = newWeighted(0, 10, 30, 20, 25, 15, 0)
	eduOfficer    = newWeighted(0, 0, 5, 0, 25, 60, 10)
)

// vetRecordFacts fills the veteran registry's facts for a head.
func (w *world) vetRecordFacts(r *rand.Rand, p *person) {
	v := &p.vet
	v.specialty = -1
	switch p.role {
	case roleVeteran:
		w.service(r, p)
	case roleSurvivor:
		v.entitled = grpMartyrSurvivor << survivorPick.pick(r)
	case roleDutyFamily:
		v.entitled = grpActiveDutyFamily
	}
	v.education = drawEducation(r, p.birth, v.served && v.mode == modeTransfer)
	v.card = w.drawCard(r, p)
	if v.mode == modeAssignedJob && v.served {
		v.placement = placePlaced
		if w.today-v.discharge < 365 && chance(r, 0.6) {
			v.placement = placePending
		}
	}
	w.employment(r, p)
	if v.served {
		v.skills = drawSkills(r, p)
	}
	age := p.birth.ageOn(w.today)
	p.seeker = v.served && v.employment == empUnemployed && age < 60 && v.placement != placePending
	w.preferences(r, p)
	v.benefit = benefit(p, age, w.today)
}

func drawEducation(r *rand.Rand, birth day, officer bool) uint8 {
	y, _, _ := birth.ymd()
	switch {
	case officer:
		return uint8(eduOfficer.pick(r))
	case y < 1960:
		return uint8(eduBefore1960.pick(r))
	case y < 1980:
		return uint8(eduBefore1980.pick(r))
	case y < 1995:
		return uint8(eduBefore1995.pick(r))
	}
	return uint8(eduRecent.pick(r))
}

// drawCard: most have the 优待证; the recently discharged are still applying.
func (w *world) drawCard(r *rand.Rand, p *person) uint8 {
	x := r.Float64()
	if p.vet.served && w.today-p.vet.discharge < 365 {
		x -= 0.25
	}
	switch {
	case x < 0.07:
		return cardNone
	case x < 0.15:
		return cardApplied
	}
	return cardIssued
}

// employment sets the employment status and since when it holds.
func (w *world) employment(r *rand.Rand, p *person) {
	v := &p.vet
	age := p.birth.ageOn(w.today)
	start := v.discharge
	if !v.served {
		start = max(p.birth.addYears(18), w.today-3650)
	}
	switch {
	case p.planted&sitUnemployedRecent != 0:
		v.employment = empUnemployed
		v.employmentSince = v.discharge + day(r.IntN(int(w.today-120-v.discharge)))
		return
	case age >= 60 || v.mode == modeRetirement || v.mode == modeStateSupport ||
		(v.mode == modeMonthlyPension && chance(r, 0.5)):
		v.employment = empRetired
		v.employmentSince = start
		if age >= 60 {
			v.employmentSince = max(start, p.birth.addYears(60))
		}
		return
	case v.placement == placePlaced:
		v.employment = empEmployed
	case v.placement == placePending:
		v.employment = empUnemployed
		v.employmentSince = v.discharge
		return
	default:
		v.employment = workStates[workPick.pick(r)]
		if v.employment == empStudent && age >= 30 {
			v.employment = empEmployed
		}
	}
	v.employmentSince = start + day(r.IntN(int(w.today-start)+1))
	if v.employment == empUnemployed && v.mode == modeSelfEmployment && v.served &&
		v.discharge > w.today.addYears(-recentDischargeYrs)-recentDischargeSafe {
		// Keep recent self-employed veterans clear of the planted rule.
		v.employmentSince = max(v.discharge, w.today-day(r.IntN(safeUnemployedDays)))
	}
}

// drawSkills draws certificates: those of the specialty often, a C1 driving
// licence for many, the rest rarely.
func drawSkills(r *rand.Rand, p *person) uint32 {
	var m uint32
	if s := p.vet.specialty; s >= 0 {
		for _, sk := range specialties[s].skills {
			if chance(r, 0.35) {
				m |= 1 << sk
			}
		}
	}
	if y, _, _ := p.birth.ymd(); y >= 1965 && chance(r, 0.45) {
		m |= 1 << skC1
	}
	for sk := range skillTable {
		if chance(r, 0.02) {
			m |= 1 << sk
		}
	}
	return m
}

// preferences sets preferred occupations and regions: always for job
// seekers, for some others of working age.
func (w *world) preferences(r *rand.Rand, p *person) {
	v := &p.vet
	working := v.employment != empRetired && p.birth.ageOn(w.today) < 60
	if !p.seeker && (!working || !chance(r, 0.2)) {
		return
	}
	n := 1 + r.IntN(3)
	if s := v.specialty; s >= 0 && chance(r, 0.6) {
		occs := specialties[s].occs
		v.prefOcc |= 1 << occs[r.IntN(len(occs))]
	}
	for sk := range skillTable {
		if v.skills&(1<<sk) != 0 && len(skillTable[sk].occs) > 0 && chance(r, 0.4) {
			v.prefOcc |= 1 << skillTable[sk].occs[0]
		}
	}
	for popcount(v.prefOcc) < n {
		v.prefOcc |= 1 << w.occPick.pick(r)
	}
	w.prefRegions(r, p)
}

// prefRegions: the own township or county, now and then 坪山 (Shenzhen) or
// another seed county, as migrant workers do.
func (w *world) prefRegions(r *rand.Rand, p *person) {
	v := &p.vet
	add := func(code string) {
		if int(v.nPrefRegions) < len(v.prefRegions) {
			v.prefRegions[v.nPrefRegions] = code
			v.nPrefRegions++
		}
	}
	if chance(r, 0.65) {
		add(p.home.town.code)
	}
	if chance(r, 0.45) || v.nPrefRegions == 0 {
		add(p.county().code)
	}
	if chance(r, 0.12) {
		other := w.byCode["440310"]
		if other == p.county() || chance(r, 0.3) {
			other = w.counties[r.IntN(len(w.counties))]
		}
		if other != p.county() {
			add(other.code)
		}
	}
}

// Monthly benefit parameters (yuan), near 2024 national standards.
var (
	disabilityBenefit = [11]float64{0, 8700, 7900, 6900, 5400, 4300, 3500, 2700, 2000, 1300, 800}
	causeFactor       = [4]float64{1, 1, 0.95, 0.9}
)

// benefit sums the regular state payments a registry member receives.
func benefit(p *person, age int, today day) float64 {
	v := &p.vet
	b := disabilityBenefit[v.disGrade] * causeFactor[v.disCause]
	switch {
	case v.entitled&grpMartyrSurvivor != 0:
		b += 2600
	case v.entitled&grpDutyDeathSurvivor != 0:
		b += 2300
	case v.entitled&grpIllnessDeathSurvivor != 0:
		b += 2150
	}
	if v.entitled&(grpWarVeteran|grpNuclearTest) != 0 {
		b += 920
	}
	if v.entitled&grpDemobilized != 0 {
		b += 1900
	}
	if v.entitled&grpIllReturned != 0 {
		b += 850
	}
	if v.entitled&grpRuralOver60 != 0 {
		b += 55 * float64(max(v.serviceYears(), 1))
	}
	if v.mode == modeMonthlyPension && v.served {
		b += 5200 + 120*float64(v.serviceYears())
	}
	return math.Round(b)
}

func popcount(m uint32) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

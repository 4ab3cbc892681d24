package synth

import "math/rand/v2"

// Departments, in output order.
const (
	deptVeteran = iota
	deptCivil
	deptHealth
	numDepts
)

var deptNames = [numDepts]string{"VETERAN", "CIVIL", "HEALTH"}

var deptRecord = [numDepts]uint8{recVeteran, recCivil, recHealth}

// Per-department practice: how precise the region code is (township,
// village, county), and how often phone and address are filled in.
var (
	grainPick = [numDepts]weighted{
		newWeighted(0.70, 0.20, 0.10),
		newWeighted(0.45, 0.45, 0.10),
		newWeighted(0.55, 0.15, 0.30),
	}
	phoneShare   = [numDepts]float64{0.97, 0.85, 0.90}
	addressShare = [numDepts]float64{0.98, 0.97, 0.85}
)

// render writes every record of p and its truth lines into the shard's
// buffers.
func (w *world) render(r *rand.Rand, p *person, sh *shard) {
	for d := range numDepts {
		if p.records&deptRecord[d] == 0 {
			continue
		}
		w.emit(r, p, d, false, sh)
		if chance(r, noiseRate(w.cfg.Noise*deptNoise[d], 9)) {
			w.emit(r, p, d, true, sh)
		}
	}
	sh.out[outTruthPersons] = w.appendTruthPerson(sh.out[outTruthPersons], p)
	sh.out[outTruthHardship] = w.appendHardship(sh.out[outTruthHardship], p)
	sh.stats.Hardship += popcount(uint32(p.found))
	if p.seeker {
		var n int
		sh.out[outTruthJobs], n = w.appendJobMatches(sh.out[outTruthJobs], p, &sh.matchBuf)
		sh.stats.JobMatches += n
	}
}

// emit writes one record of p for department d and its truth line.
func (w *world) emit(r *rand.Rand, p *person, d int, dup bool, sh *shard) {
	id := w.baseIdent(r, p, d)
	w.applyNoise(r, &id, w.cfg.Noise*deptNoise[d])
	if dup {
		id.tags |= nzDuplicate
		forceChange(r, &id)
	}
	start := len(sh.out[d])
	o := obj{b: sh.out[d]}
	o.begin()
	w.common(r, &o, p, d, dup, &id)
	switch d {
	case deptVeteran:
		veteranBody(&o, p)
	case deptCivil:
		civilBody(&o, p)
	default:
		healthBody(&o, p)
	}
	o.end()
	sh.out[d] = o.b
	sh.lines[d] = append(sh.lines[d], int32(start))
	sh.out[outTruthRecords] = appendTruthRecord(sh.out[outTruthRecords], p, d, dup, id.tags)
	sh.stats.count(d, id.tags)
}

// baseIdent is p's identity as department d holds it before any error.
func (w *world) baseIdent(r *rand.Rand, p *person, d int) ident {
	id := ident{name: p.name, id: p.id, idLen: 18, birth: p.birth, home: p.home, style: -1}
	if chance(r, phoneShare[d]) {
		id.phone = p.phone
	}
	if chance(r, addressShare[d]) {
		id.style = styleFull
	}
	id.grain = grainPick[d].pick(r)
	return id
}

// common writes the keys every person record has.
func (w *world) common(r *rand.Rand, o *obj, p *person, d int, dup bool, id *ident) {
	o.key("sourceId")
	o.b = append(o.b, '"')
	o.b = appendSourceID(o.b, d, p.county().code, p.index, dup)
	o.b = append(o.b, '"')
	o.int("sourceVersion", 1+r.IntN(6))
	o.date("asOf", w.asOf(r, p, d))
	o.str("name", id.name)
	if id.idLen > 0 {
		o.key("idNumber")
		o.b = append(append(append(o.b, '"'), id.id[:id.idLen]...), '"')
	}
	if p.male {
		o.str("sex", "M")
	} else {
		o.str("sex", "F")
	}
	o.date("birthDate", id.birth)
	if id.phone != 0 {
		o.key("phone")
		o.b = append(appendPadded(append(o.b, '"'), id.phone, 11), '"')
	}
	if id.style >= 0 {
		o.key("address")
		o.b = append(appendAddress(append(o.b, '"'), id.home, id.style), '"')
	}
	o.key("regionCode")
	o.b = append(appendRegion(append(o.b, '"'), id.home, id.grain), '"')
}

// asOf draws when the department last confirmed the record: within two
// years, but never before the facts it states.
func (w *world) asOf(r *rand.Rand, p *person, d int) day {
	earliest := w.today - 730
	switch d {
	case deptVeteran:
		earliest = max(earliest, p.vet.discharge, p.vet.employmentSince)
	case deptCivil:
		if p.civ.nAid > 0 {
			earliest = max(earliest, p.civ.aid[p.civ.nAid-1].date)
		}
	case deptHealth:
		y, _, _ := w.today.ymd()
		earliest = max(earliest, civilDay(y, 1, 1))
	}
	return earliest + day(r.IntN(int(w.today-earliest)+1))
}

var (
	skillNames = func() []string {
		out := make([]string, len(skillTable))
		for i, s := range skillTable {
			out[i] = s.name
		}
		return out
	}()
	occupationCodes = func() []string {
		out := make([]string, len(occupations))
		for i, o := range occupations {
			out[i] = o.code
		}
		return out
	}()
)

func veteranBody(o *obj, p *person) {
	v := &p.vet
	if v.served {
		o.str("serviceBranch", v.branch)
		o.date("enlistDate", v.enlist)
		o.date("dischargeDate", v.discharge)
		o.str("dischargeMode", dischargeModeNames[v.mode])
		o.strOpt("rank", v.rank)
		o.str("militarySpecialty", specialties[v.specialty].name)
		if v.merits != 0 {
			o.maskList("merits", v.merits, meritNames)
		}
	}
	if v.disGrade > 0 {
		o.int("disabilityGrade", int(v.disGrade))
		o.str("disabilityCause", causeNames[v.disCause])
	}
	o.maskList("entitledGroups", v.entitled, entitledNames)
	o.str("preferentialCard", cardNames[v.card])
	o.str("placementStatus", placementNames[v.placement])
	o.str("employmentStatus", employmentNames[v.employment])
	o.dateOpt("employmentSince", v.employmentSince)
	if v.skills != 0 {
		o.maskList("skills", v.skills, skillNames)
	}
	o.str("education", educationNames[v.education])
	if v.prefOcc != 0 {
		o.maskList("preferredOccupations", v.prefOcc, occupationCodes)
	}
	if v.nPrefRegions > 0 {
		o.strList("preferredRegions", v.prefRegions[:v.nPrefRegions])
	}
	if v.benefit > 0 {
		o.money("monthlyBenefit", v.benefit)
	}
}

func civilBody(o *obj, p *person) {
	c := &p.civ
	o.key("householdId")
	o.b = append(appendHouseholdID(append(o.b, '"'), p.county().code, p.head), '"')
	o.int("householdSize", int(c.householdSize))
	o.money("perCapitaMonthlyIncome", c.income)
	o.str("dibaoStatus", dibaoNames[c.dibao])
	if c.dibao == dibaoReceiving {
		o.money("dibaoMonthlyAmount", c.dibaoAmount)
	}
	o.boolean("extremePoverty", c.extreme)
	o.boolean("nearDibao", c.near)
	o.key("temporaryAssistance")
	o.b = append(o.b, '[')
	for i, a := range c.aid[:c.nAid] {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '{')
		o.first = true
		o.date("date", a.date)
		o.money("amount", a.amount)
		o.str("reason", aidReasons[a.reason])
		o.b = append(o.b, '}')
	}
	o.b = append(o.b, ']')
	o.first = false
	o.boolean("disabilitySubsidy", c.subsidy)
	o.boolean("livingAlone", c.alone)
	o.str("maritalStatus", maritalNames[c.marital])
}

func healthBody(o *obj, p *person) {
	h := &p.hea
	o.maskList("chronicConditions", h.chronic, chronicCodes)
	o.maskList("seriousIllnesses", h.serious, seriousCodes)
	o.str("functionalDisability", functionalNames[h.functional])
	o.boolean("dementia", h.dementia)
	o.int("costYear", h.costYear)
	o.money("medicalCostTotal", h.total)
	o.money("insurancePaid", h.insured)
	o.money("outOfPocket", h.oop)
	o.int("hospitalStays", int(h.stays))
	o.boolean("familyDoctorContract", h.familyDoctor)
}

package synth

// evaluate applies the hardship rules to what the departments' records of p
// show. It defines truth/hardship.ndjson: a situation counts only when the
// records it needs exist.
func (w *world) evaluate(p *person) uint16 {
	var m uint16
	for i := range numSituations {
		s := uint16(1) << i
		if p.records&requiredRecords[i] == requiredRecords[i] && w.holds(p, s) {
			m |= s
		}
	}
	return m
}

// holds reports whether the facts of p meet situation s.
func (w *world) holds(p *person, s uint16) bool {
	c, h, v := &p.civ, &p.hea, &p.vet
	std := p.county().dibao
	switch s {
	case sitUncovered:
		return c.income < std && c.dibao == dibaoNone && !c.extreme
	case sitMedical:
		return h.oop > medicalShare*householdIncome(c)
	case sitSevereAlone:
		return c.alone && (h.functional == fnSevere || h.dementia)
	case sitDisabledIll:
		return v.disGrade >= 1 && v.disGrade <= severeGrade && h.serious != 0
	case sitUnemployedRecent:
		return v.served && v.mode == modeSelfEmployment && v.employment == empUnemployed &&
			v.discharge > w.today.addYears(-recentDischargeYrs) &&
			w.today-v.employmentSince >= minUnemployedDays
	case sitRepeatedAid:
		return w.recentAid(c) >= minAidCount
	case sitElderlyAlone:
		return v.entitled != 0 && c.alone && p.birth.ageOn(w.today) >= elderlyAge
	case sitSurvivor:
		return v.entitled&grpSurvivors != 0 && c.income < survivorIncomeRatio*std
	}
	return false
}

// recentAid counts payments within the aid window ending today.
func (w *world) recentAid(c *civilFacts) int {
	n := 0
	for _, a := range c.aid[:c.nAid] {
		if a.date > w.today-aidWindowDays && a.date <= w.today {
			n++
		}
	}
	return n
}

// appendHardship writes one truth/hardship.ndjson line per situation found.
func (w *world) appendHardship(b []byte, p *person) []byte {
	o := obj{b: b}
	for i := range numSituations {
		s := uint16(1) << i
		if p.found&s == 0 {
			continue
		}
		o.begin()
		o.personKey(p.index)
		o.str("situation", situationNames[i])
		o.open("evidence")
		w.evidence(&o, p, s)
		o.close()
		o.end()
	}
	return o.b
}

// evidence names the fields and thresholds that make s true.
func (w *world) evidence(o *obj, p *person, s uint16) {
	c, h, v := &p.civ, &p.hea, &p.vet
	std := p.county().dibao
	switch s {
	case sitUncovered:
		o.str("county", p.county().code)
		o.money("perCapitaMonthlyIncome", c.income)
		o.money("dibaoStandard", std)
		o.str("dibaoStatus", dibaoNames[c.dibao])
	case sitMedical:
		o.int("costYear", h.costYear)
		o.money("outOfPocket", h.oop)
		o.money("householdAnnualIncome", householdIncome(c))
		o.float("share", h.oop/householdIncome(c), 3)
		o.float("threshold", medicalShare, 2)
	case sitSevereAlone:
		o.str("functionalDisability", functionalNames[h.functional])
		o.boolean("dementia", h.dementia)
		o.boolean("livingAlone", c.alone)
	case sitDisabledIll:
		o.int("disabilityGrade", int(v.disGrade))
		o.maskList("seriousIllnesses", h.serious, seriousCodes)
	case sitUnemployedRecent:
		o.date("dischargeDate", v.discharge)
		o.str("dischargeMode", dischargeModeNames[v.mode])
		o.str("employmentStatus", employmentNames[v.employment])
		o.date("employmentSince", v.employmentSince)
		o.int("daysUnemployed", int(w.today-v.employmentSince))
	case sitRepeatedAid:
		o.int("countLast12Months", w.recentAid(c))
		o.key("dates")
		o.b = append(o.b, '[')
		for i, a := range c.aid[:c.nAid] {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = append(appendDate(append(o.b, '"'), a.date), '"')
		}
		o.b = append(o.b, ']')
	case sitElderlyAlone:
		o.int("age", p.birth.ageOn(w.today))
		o.maskList("entitledGroups", v.entitled, entitledNames)
		o.boolean("livingAlone", c.alone)
	case sitSurvivor:
		o.maskList("entitledGroups", v.entitled&grpSurvivors, entitledNames)
		o.money("perCapitaMonthlyIncome", c.income)
		o.money("threshold", survivorIncomeRatio*std)
	}
}

// seriousCodes and chronicCodes are the ICD-10 names for the bit masks.
var (
	seriousCodes = func() []string {
		out := make([]string, len(seriousTable))
		for i, s := range seriousTable {
			out[i] = s.code
		}
		return out
	}()
	chronicCodes = func() []string {
		out := make([]string, len(chronicTable))
		for i, c := range chronicTable {
			out[i] = c.code
		}
		return out
	}()
)

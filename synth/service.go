package synth

import "math/rand/v2"

// Service categories.
const (
	catConscript = iota
	catNCO
	catOfficer
)

var (
	catPick        = newWeighted(0.55, 0.35, 0.10)
	enlistAgePick  = newWeighted(0.45, 0.25, 0.15, 0.10, 0.05) // 18..22
	ncoYears       = []int{3, 5, 8, 12, 14, 16, 20, 24, 30}
	ncoYearsPick   = newWeighted(0.15, 0.30, 0.20, 0.12, 0.06, 0.07, 0.05, 0.03, 0.02)
	officerYears   = []int{8, 12, 16, 20, 24, 30}
	officerYrsPick = newWeighted(0.15, 0.25, 0.25, 0.20, 0.10, 0.05)
	branchPick     = newWeighted(0.55, 0.10, 0.10, 0.05, 0.15, 0.03, 0.02)
	disGradePick   = newWeighted(1, 1.5, 2, 2.5, 4, 6, 10, 16, 25, 32) // grades 1..10
)

// service draws a served veteran's military history.
func (w *world) service(r *rand.Rand, p *person) {
	v := &p.vet
	v.served = true
	cat, years := w.drawTerm(r, p)
	v.specialty = int8(w.specPick.pick(r))
	v.branch = branchName(r, v.discharge)
	v.rank = rankName(r, cat, years, v.discharge)
	v.merits = drawMerits(r, v.enlist)
	w.disability(r, p)
	v.mode = w.dischargeMode(r, p, cat, years)
	w.entitlements(r, p, cat)
}

// drawTerm sets enlistment and discharge dates and returns the category
// and the years served.
func (w *world) drawTerm(r *rand.Rand, p *person) (cat, years int) {
	v := &p.vet
	age := p.birth.ageOn(w.today)
	if p.planted&sitUnemployedRecent != 0 {
		cat, years = catConscript, 2
		if age >= 25 && chance(r, 0.3) {
			cat, years = catNCO, min(5, age-20)
		}
		v.discharge = w.today - day(between(r, 150, 660))
		v.enlist = v.discharge.addYears(-years) - day(r.IntN(30))
		return cat, years
	}
	cat = catPick.pick(r)
	enlistAge := 18 + enlistAgePick.pick(r)
	switch cat {
	case catConscript:
		years = 2
		if p.birth.addYears(enlistAge) < civilDay(1997, 1, 1) {
			years = 3
		}
	case catNCO:
		years = ncoYears[ncoYearsPick.pick(r)]
	default:
		enlistAge = 18
		years = officerYears[officerYrsPick.pick(r)]
	}
	if years > age-enlistAge-1 {
		years = age - enlistAge - 1
	}
	if years < 2 {
		cat, years, enlistAge = catConscript, 2, min(enlistAge, age-2)
	}
	v.enlist = enlistDate(r, p.birth, enlistAge)
	v.discharge = v.enlist.addYears(years) + day(between(r, -20, 40))
	if latest := w.today - 30; v.discharge > latest {
		v.discharge = latest - day(r.IntN(60))
	}
	return cat, years
}

// enlistDate follows the call-up calendar: December until 2012, September
// from 2013, March or September from 2021.
func enlistDate(r *rand.Rand, birth day, enlistAge int) day {
	by, _, _ := birth.ymd()
	y := by + enlistAge
	switch {
	case y < 2013:
		return civilDay(y, 12, between(r, 1, 25))
	case y < 2021 || chance(r, 0.5):
		return civilDay(y, 9, between(r, 1, 20))
	}
	return civilDay(y, 3, between(r, 1, 20))
}

// branchName names the service by what it was called at discharge.
func branchName(r *rand.Rand, discharge day) string {
	y, _, _ := discharge.ymd()
	switch branchPick.pick(r) {
	case 1:
		return "海军"
	case 2:
		return "空军"
	case 3:
		if y >= 2016 {
			return "火箭军"
		}
		if y >= 1967 {
			return "第二炮兵"
		}
	case 4:
		if y >= 1983 {
			return "武警部队"
		}
	case 5:
		if discharge >= civilDay(2024, 4, 19) {
			return "信息支援部队"
		}
		if y >= 2016 {
			return "战略支援部队"
		}
	case 6:
		if y >= 2017 {
			return "联勤保障部队"
		}
	}
	return "陆军"
}

var (
	ncoRanks2009 = []string{"下士", "中士", "上士", "四级军士长", "三级军士长", "二级军士长", "一级军士长"}
	ncoRanks1999 = []string{"一级士官", "二级士官", "三级士官", "四级士官", "五级士官", "六级士官"}
	ncoRanks1988 = []string{"下士", "中士", "上士", "军士长"}
	officerRanks = []string{"中尉", "上尉", "少校", "中校", "上校", "大校"}
)

// rankName gives the rank at discharge; "" for 1965–1988, when the PLA had
// no ranks.
func rankName(r *rand.Rand, cat, years int, discharge day) string {
	if discharge > civilDay(1965, 6, 1) && discharge < civilDay(1988, 10, 1) {
		return ""
	}
	step := min(years/4, 6) // one step per four years of service
	switch cat {
	case catConscript:
		if chance(r, 0.1) {
			return "列兵"
		}
		return "上等兵"
	case catOfficer:
		return officerRanks[min(max(years-4, 0)/5, len(officerRanks)-1)]
	}
	switch {
	case discharge >= civilDay(2009, 8, 1):
		return ncoRanks2009[step]
	case discharge >= civilDay(1999, 7, 1):
		return ncoRanks1999[min(step, len(ncoRanks1999)-1)]
	}
	return ncoRanks1988[min(step, len(ncoRanks1988)-1)]
}

// drawMerits draws awards; the 1979–1989 border war years give more.
func drawMerits(r *rand.Rand, enlist day) uint32 {
	war := 1.0
	if y, _, _ := enlist.ymd(); y >= 1976 && y <= 1988 {
		war = 2
	}
	var m uint32
	for i, p := range [...]float64{0.30, 0.07, 0.015, 0.003, 0.0005} {
		if chance(r, p*war) {
			m |= 1 << i
		}
	}
	return m
}

// disability draws a service disability for a few veterans, and a severe
// one for those planted with a serious illness.
func (w *world) disability(r *rand.Rand, p *person) {
	v := &p.vet
	switch {
	case p.planted&sitDisabledIll != 0:
		v.disGrade = uint8(between(r, 1, severeGrade))
	case p.planted&sitUnemployedRecent != 0:
		return
	case chance(r, 0.04):
		v.disGrade = uint8(1 + disGradePick.pick(r))
	default:
		return
	}
	ey, _, _ := v.enlist.ymd()
	switch {
	case ey >= 1976 && ey <= 1988 && chance(r, 0.4):
		v.disCause = causeCombat
	case chance(r, 0.6):
		v.disCause = causeDuty
	default:
		v.disCause = causeIllness
	}
}

// dischargeMode applies the 退役安置 rules of the discharge era.
func (w *world) dischargeMode(r *rand.Rand, p *person, cat, years int) uint8 {
	v := &p.vet
	if p.planted&sitUnemployedRecent != 0 {
		return modeSelfEmployment
	}
	if v.discharge < civilDay(1955, 1, 1) {
		return modeDemobilization
	}
	age := p.birth.ageOn(v.discharge)
	post2011 := v.discharge >= civilDay(2011, 11, 1)
	switch {
	case cat == catOfficer && (years >= 30 || age >= 50):
		return modeRetirement
	case cat == catOfficer && post2011 && years >= 20 && chance(r, 0.3):
		return modeMonthlyPension
	case cat == catOfficer && years < 12 && chance(r, 0.15):
		return modeDemobilization
	case cat == catOfficer:
		return modeTransfer
	case v.disGrade >= 1 && v.disGrade <= severeGrade && chance(r, 0.7):
		return modeStateSupport
	case cat == catNCO && (years >= 30 || age >= 55):
		return modeRetirement
	case cat == catNCO && years >= 12 && v.discharge >= civilDay(2021, 8, 1) && chance(r, 0.25):
		return modeMonthlyPension
	case cat == catNCO && years >= 12 && chance(r, 0.7):
		return modeAssignedJob
	case !post2011 && p.home.town.urban && chance(r, 0.45):
		return modeAssignedJob
	case post2011 && chance(r, 0.03):
		return modeAssignedJob
	}
	return modeSelfEmployment
}

// entitlements sets the 重点优抚 groups a veteran belongs to.
func (w *world) entitlements(r *rand.Rand, p *person, cat int) {
	v := &p.vet
	rural := !p.home.town.urban
	ey, _, _ := v.enlist.ymd()
	age := p.birth.ageOn(w.today)
	if v.disGrade > 0 {
		v.entitled |= grpDisabled
	}
	if v.disCause == causeCombat || (ey >= 1976 && ey <= 1988 && chance(r, 0.12)) {
		v.entitled |= grpWarVeteran
	}
	if ey >= 1964 && ey <= 1996 && chance(r, 0.01) {
		v.entitled |= grpNuclearTest
	}
	if v.mode == modeDemobilization && rural && v.discharge < civilDay(1958, 1, 1) {
		v.entitled |= grpDemobilized
	}
	if cat == catConscript && rural && v.discharge < civilDay(2011, 1, 1) && chance(r, 0.015) {
		v.entitled |= grpIllReturned
	}
	if age >= 60 && rural && cat != catOfficer && v.mode == modeSelfEmployment && chance(r, 0.6) {
		v.entitled |= grpRuralOver60
	}
	if p.planted&sitElderlyAlone != 0 && v.entitled == 0 {
		if rural {
			v.entitled |= grpRuralOver60
		} else {
			v.entitled |= grpWarVeteran
		}
	}
}

// serviceYears is the whole years between enlistment and discharge.
func (v *vetFacts) serviceYears() int { return v.enlist.ageOn(v.discharge) }

package synth

import (
	"math"
	"math/rand/v2"
)

var sizePick = newWeighted(0.30, 0.35, 0.20, 0.10, 0.05) // 2..6 persons

const aidDays = 3 * 365 // aid that is not planted spreads over three years

// mayLiveAlone reports whether a head without a planted situation can be
// shown living alone without triggering a rule.
func (w *world) mayLiveAlone(p *person) bool {
	age := p.birth.ageOn(w.today)
	if p.vet.entitled != 0 && age >= safeElderlyAge {
		return false
	}
	return p.hea.functional != fnSevere && !p.hea.dementia
}

// householdFacts draws a head's civil facts, shared later with a member.
func (w *world) householdFacts(r *rand.Rand, p *person) {
	c := &p.civ
	age := p.birth.ageOn(w.today)
	switch {
	case p.hasMember:
	case p.planted&(sitSevereAlone|sitElderlyAlone) != 0:
		c.alone = true
	case w.mayLiveAlone(p):
		c.alone = chance(r, 0.12) || (age >= 60 && chance(r, 0.15))
	}
	c.householdSize = 1
	if !c.alone {
		c.householdSize = uint8(2 + sizePick.pick(r))
	}
	w.income(r, p, age)
	c.marital = drawMarital(r, p, age)
	w.drawAid(r, p)
	c.subsidy = (p.vet.disGrade >= 1 && p.vet.disGrade <= 6 || p.hea.functional >= fnModerate) &&
		c.income < nearDibaoRatio*p.county().dibao && chance(r, 0.7)
}

// income draws per-capita income and the 低保 status consistent with it.
func (w *world) income(r *rand.Rand, p *person, age int) {
	c := &p.civ
	std := p.county().dibao
	x := std * math.Exp(math.Log(2.3)+0.55*r.NormFloat64())
	if age >= 65 && !p.home.town.urban {
		x *= 0.8
	}
	survivor := p.vet.entitled&grpSurvivors != 0
	switch {
	case p.planted&sitUncovered != 0:
		x = std * uniform(r, 0.35, 0.9)
	case p.planted&sitSurvivor != 0:
		x = std * uniform(r, 0.55, 1.4)
	case p.planted&sitMedical != 0:
		x = std * uniform(r, 0.9, 2.2)
	case c.alone && age >= 60 && !survivor && chance(r, 0.04):
		c.extreme = true
		x = std * uniform(r, 0, 0.3)
	}
	if survivor && p.planted&sitSurvivor == 0 {
		x = max(x, std*uniform(r, safeSurvivorRatio, 3))
	}
	switch {
	case c.extreme || p.planted&sitUncovered != 0:
		c.dibao = dibaoNone
	case x < std:
		c.dibao = dibaoReceiving
		if chance(r, 0.12) {
			c.dibao = dibaoApplied
		}
	default:
		x = max(x, std*uniform(r, safeIncomeRatio, safeIncomeRatio+0.03))
		if x < safeSurvivorRatio*std && chance(r, 0.04) {
			c.dibao = dibaoStopped
		}
	}
	c.income = round2(x)
	if c.dibao == dibaoReceiving {
		c.dibaoAmount = math.Round(max(std-c.income, 0.15*std) * float64(c.householdSize))
	}
	c.near = !c.extreme && c.income >= std && c.income < nearDibaoRatio*std &&
		c.dibao != dibaoReceiving && c.dibao != dibaoApplied
}

func drawMarital(r *rand.Rand, p *person, age int) uint8 {
	switch {
	case p.relation == relSpouse:
		return maritalMarried
	case p.civ.alone:
		if age >= 60 && chance(r, 0.6) {
			return maritalWidowed
		}
		return []uint8{maritalDivorced, maritalSingle}[r.IntN(2)]
	case age < 28:
		if chance(r, 0.6) {
			return maritalSingle
		}
	case age >= 60 && chance(r, 0.1):
		return maritalWidowed
	case chance(r, 0.07):
		return maritalDivorced
	}
	return maritalMarried
}

// drawAid draws temporary assistance: at least minAidCount payments within
// the window when planted, otherwise never more than minAidCount-1 in all.
func (w *world) drawAid(r *rand.Rand, p *person) {
	c := &p.civ
	n, span := 0, aidDays
	switch x := r.Float64(); {
	case p.planted&sitRepeatedAid != 0:
		n, span = minAidCount+r.IntN(3), aidWindowDays-35
	case x < 0.01:
		n = 2
	case x < 0.05:
		n = 1
	}
	for int(c.nAid) < n {
		d := w.today - day(r.IntN(span))
		if hasAidOn(c.aid[:c.nAid], d) {
			continue
		}
		c.aid[c.nAid] = tempAid{date: d, amount: float64(between(r, 5, 50) * 100), reason: uint8(r.IntN(len(aidReasons)))}
		c.nAid++
	}
	sortAid(c.aid[:c.nAid])
}

// sortAid orders payments by date (insertion sort: at most six).
func sortAid(a []tempAid) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j].date < a[j-1].date; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func hasAidOn(a []tempAid, d day) bool {
	for _, x := range a {
		if x.date == d {
			return true
		}
	}
	return false
}

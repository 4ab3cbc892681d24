package synth

import "math/rand/v2"

// drawPlants decides which situations to steer a household head towards.
func drawPlants(r *rand.Rand, rl role) uint16 {
	var m uint16
	for i := range numSituations {
		s := uint16(1) << i
		if eligibleRole(s, rl) && chance(r, plantRates[i]) {
			m |= s
		}
	}
	if m&sitUnemployedRecent != 0 { // a young person: drop what needs age or grade
		m &^= sitSevereAlone | sitElderlyAlone | sitDisabledIll
	}
	if rl == roleSurvivor && m&sitUncovered != 0 { // a poor survivor is a survivor in hardship
		m |= sitSurvivor
	}
	return m
}

func eligibleRole(s uint16, rl role) bool {
	switch s {
	case sitDisabledIll, sitUnemployedRecent:
		return rl == roleVeteran
	case sitSurvivor:
		return rl == roleSurvivor
	case sitElderlyAlone:
		return rl != roleFamily
	}
	return true
}

// drawAge draws an age fitting the role and the planted situations.
func drawAge(r *rand.Rand, rl role, plants uint16) int {
	switch {
	case plants&sitUnemployedRecent != 0:
		return between(r, 20, 28)
	case plants&sitElderlyAlone != 0:
		return between(r, elderlyAge+1, 93)
	case plants&sitSevereAlone != 0:
		return between(r, 62, 93)
	}
	switch rl {
	case roleVeteran:
		b := vetAgeBands[vetAgePick.pick(r)]
		return between(r, b[0], b[1])
	case roleSurvivor:
		b := survAgeBands[survAgePick.pick(r)]
		return between(r, b[0], b[1])
	}
	return between(r, 20, 75)
}

// maleShare is the share of men by role: veterans are mostly men,
// survivors and family members mostly women.
var maleShare = [...]float64{roleVeteran: 0.92, roleSurvivor: 0.3, roleDutyFamily: 0.4, roleFamily: 0.3}

// newHead draws a household head's role, plants and identity.
func (w *world) newHead(r *rand.Rand, p *person, index int) {
	p.index, p.head = index, index
	p.role = role(headRolePick.pick(r))
	p.planted = drawPlants(r, p.role)
	age := drawAge(r, p.role, p.planted)
	p.male = chance(r, maleShare[p.role])
	c := w.counties[w.countyPick.pick(r)]
	p.home = drawHome(r, c)
	for i := 0; i < 5 && p.planted&sitElderlyAlone != 0 && p.home.town.urban; i++ {
		p.home = drawHome(r, c) // old entitled veterans are mostly rural
	}
	w.identity(r, p, age, -1)
}

// identity draws birth date, name, phone and ID parts; surname < 0 means
// draw one.
func (w *world) identity(r *rand.Rand, p *person, age, surname int) {
	p.birth = w.drawBirth(r, age)
	by, _, _ := p.birth.ymd()
	if surname < 0 {
		surname = w.names.surname.pick(r)
	}
	p.surname = uint8(surname)
	p.name = surnames[surname].name + w.names.given(r, p.male, by)
	p.phone = drawPhone(r)
	p.idAddr = drawIDAddr(r, p.county())
	p.seq = drawSeq(r, p.male)
}

package synth

import "math/rand/v2"

// memberShare is the chance that a head's household has a second person
// the departments know; these members make up the ~15% of persons without
// a veteran record.
const memberShare = 0.18

var relationPick = newWeighted(0, 0.65, 0.2, 0.15) // none, spouse, child, parent

// shardPersons generates the persons of shard s from the shard's own
// stream: households never cross a shard boundary.
func (w *world) shardPersons(s int) []person {
	r := newRand(w.cfg.Seed, streamPersons, s)
	lo := s * shardSize
	ps := make([]person, min(lo+shardSize, w.cfg.Persons)-lo)
	for i := 0; i < len(ps); {
		i += w.household(r, ps[i:], lo+i)
	}
	for i := range ps {
		ps[i].found = w.evaluate(&ps[i])
	}
	return ps
}

// household fills dst with a head and maybe a member and returns how many
// persons it used.
func (w *world) household(r *rand.Rand, dst []person, index int) int {
	h := &dst[0]
	w.newHead(r, h, index)
	w.vetRecordFacts(r, h)
	if len(dst) > 1 && h.planted&(sitSevereAlone|sitElderlyAlone) == 0 && chance(r, memberShare) {
		h.hasMember = true
		h.relation = w.drawRelation(r, h)
	}
	w.healthConditions(r, h)
	w.householdFacts(r, h)
	w.healthCosts(r, h)
	w.reconcileAlone(h)
	h.records = recVeteran | needsRecords(h.planted)
	if chance(r, 0.40) {
		h.records |= recCivil
	}
	if chance(r, 0.62) {
		h.records |= recHealth
	}
	if !h.hasMember {
		return 1
	}
	w.newMember(r, &dst[1], h, index+1)
	return 2
}

// drawRelation picks who the member is, within plausible ages.
func (w *world) drawRelation(r *rand.Rand, h *person) uint8 {
	age := h.birth.ageOn(w.today)
	rel := uint8(relationPick.pick(r))
	if (rel == relChild && age < 40) || (rel == relParent && age > 60) {
		rel = relSpouse
	}
	return rel
}

// reconcileAlone records the situations a planted "living alone" also
// makes true, so that truth and plan agree.
func (w *world) reconcileAlone(p *person) {
	if !p.civ.alone || p.planted&(sitSevereAlone|sitElderlyAlone) == 0 {
		return
	}
	if p.hea.functional == fnSevere || p.hea.dementia {
		p.planted |= sitSevereAlone
	}
	if p.vet.entitled != 0 && p.birth.ageOn(w.today) >= elderlyAge {
		p.planted |= sitElderlyAlone
	}
}

// newMember draws the head's spouse, adult child or parent, sharing the
// household's address and civil facts.
func (w *world) newMember(r *rand.Rand, m, h *person, index int) {
	m.index, m.head, m.role, m.relation = index, h.index, roleFamily, h.relation
	m.vet.specialty = -1
	hAge := h.birth.ageOn(w.today)
	age, surname := 0, -1
	switch h.relation {
	case relSpouse:
		m.male = !h.male
		age = hAge + int(r.NormFloat64()*4)
		if h.male {
			age -= 2
		}
	case relChild:
		m.male = chance(r, 0.5)
		age = hAge - between(r, 22, 35)
		if h.male {
			surname = int(h.surname)
		}
	case relParent:
		m.male = chance(r, 0.4)
		age = hAge + between(r, 22, 35)
		if m.male && h.male {
			surname = int(h.surname)
		}
	}
	m.home = h.home
	w.identity(r, m, min(max(age, 18), 95), surname)
	m.planted = h.planted & sitUncovered // a household-level situation
	if m.birth.ageOn(w.today) >= 30 && chance(r, plantRates[1]) {
		m.planted |= sitMedical
	}
	w.healthConditions(r, m)
	w.memberCivil(r, m, h)
	w.healthCosts(r, m)
	w.memberRecords(r, m, h)
}

// memberCivil copies the household's facts and draws the personal ones.
func (w *world) memberCivil(r *rand.Rand, m, h *person) {
	c := &m.civ
	*c = h.civ
	c.alone, c.nAid, c.aid = false, 0, [len(c.aid)]tempAid{}
	c.marital = drawMarital(r, m, m.birth.ageOn(w.today))
	c.subsidy = m.hea.functional >= fnModerate && c.income < nearDibaoRatio*m.county().dibao && chance(r, 0.7)
}

// memberRecords: members are known to civil affairs or health or both.
func (w *world) memberRecords(r *rand.Rand, m, h *person) {
	m.records = needsRecords(m.planted) &^ recVeteran
	pCivil := 0.35
	if h.records&recCivil != 0 {
		pCivil = 0.7
	}
	if chance(r, pCivil) {
		m.records |= recCivil
	}
	if chance(r, 0.75) {
		m.records |= recHealth
	}
	if m.records == 0 {
		m.records = recHealth
	}
}

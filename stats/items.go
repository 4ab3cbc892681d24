package stats

import (
	"maps"
	"slices"
	"strconv"
)

// Key names one counter: a metric's dimension in a region and month.
type Key struct {
	Region string
	Month  Month
	Metric string
	Dim    string
}

// Item is an increment of one counter.
type Item struct {
	Key
	Value int64
}

// items collects increments at one region.
type items struct {
	region string
	out    []Item
}

func (s *items) add(m Month, metric, dim string, v int64) {
	if m == 0 || v == 0 {
		return
	}
	s.out = append(s.out, Item{Key{s.region, m, metric, dim}, v})
}

func (s *items) flag(m Month, metric string, yes bool) {
	if yes {
		s.add(m, metric, "", 1)
	}
}

// Items are the increments the facts add to the counters, at the regions
// the facts name (not yet rolled up to their ancestors).
func (f Facts) Items() []Item {
	var out []Item
	if p := f.Person; p != nil {
		out = p.items()
	}
	if j := f.Posting; j != nil {
		s := items{region: j.Region}
		s.add(j.Month, MPostings, "", 1)
		s.add(j.Month, MOpenings, "", int64(j.Openings))
		s.flag(j.Month, MVeteranPreferred, j.VeteranPreferred)
		out = append(out, s.out...)
	}
	return out
}

func (p *PersonFacts) items() []Item {
	s := items{region: p.Region}
	s.add(p.Since, MPersons, "", 1)
	s.add(p.Since, MPersonsDepts, strconv.Itoa(len(p.Records)), 1)
	for _, dept := range slices.Sorted(maps.Keys(p.Records)) {
		for _, m := range p.Records[dept] {
			s.add(m, MRecords, dept, 1)
		}
	}
	if p.Veteran != nil {
		p.veteranItems(&s)
	}
	if c := p.Civil; c != nil {
		c.items(&s)
	}
	if h := p.Health; h != nil {
		h.items(&s)
	}
	out := s.out
	for _, c := range p.Cases {
		out = append(out, c.items()...)
	}
	return out
}

func (p *PersonFacts) veteranItems(s *items) {
	v := p.Veteran
	m := v.Since
	s.add(m, MVeterans, "", 1)
	s.add(m, MVetDischarge, orUnknown(v.DischargeMode), 1)
	for _, g := range v.Groups {
		s.add(m, MVetGroup, g, 1)
	}
	entitled := len(v.Groups) > 0
	s.flag(m, MVetEntitled, entitled)
	s.add(m, MVetEmployment, orUnknown(v.Employment), 1)
	s.add(m, MVetCard, orUnknown(v.Card), 1)
	s.add(m, MVetPlacement, orUnknown(v.Placement), 1)
	if v.Disability > 0 {
		s.add(m, MVetDisability, disabilityBand(v.Disability), 1)
	}
	s.flag(m, MVetCertified, v.Certificates > 0)
	s.add(m, MVetCertificates, "", int64(v.Certificates))
	if v.BenefitFen > 0 {
		s.add(m, MVetBenefit, "", v.BenefitFen)
		s.add(m, MVetBenefitN, "", 1)
		if entitled {
			s.add(m, MVetEntitledBenefit, "", v.BenefitFen)
			s.add(m, MVetEntitledBenefitN, "", 1)
		}
	}
	_, civil := p.Records["CIVIL"]
	_, health := p.Records["HEALTH"]
	if civil {
		s.add(m, MVetLinked, "CIVIL", 1)
	}
	if health {
		s.add(m, MVetLinked, "HEALTH", 1)
	}
	if civil || health {
		s.add(m, MVetLinked, "ANY", 1)
	}
}

func (c *CivilFacts) items(s *items) {
	m := c.Since
	s.add(m, MCivil, "", 1)
	s.add(m, MCivilDibao, orUnknown(c.Dibao), 1)
	s.add(m, MCivilDibaoFen, "", c.DibaoFen)
	s.flag(m, MCivilExtreme, c.ExtremePoverty)
	s.flag(m, MCivilNear, c.NearDibao)
	s.flag(m, MCivilAlone, c.LivingAlone)
	s.flag(m, MCivilSubsidy, c.Subsidy)
	for _, p := range c.Payments {
		s.add(p.Month, MTempAssist, "", 1)
		s.add(p.Month, MTempAssistFen, "", p.Fen)
	}
}

func (h *HealthFacts) items(s *items) {
	m := h.Since
	s.add(m, MHealth, "", 1)
	s.flag(m, MHealthSerious, h.Serious)
	s.add(m, MHealthDisability, orUnknown(h.Disability), 1)
	s.flag(m, MHealthDementia, h.Dementia)
	s.flag(m, MHealthFamilyDoctor, h.FamilyDoctor)
}

func (c CaseFacts) items() []Item {
	s := items{region: c.Region}
	group := c.Category + "|" + c.Priority
	s.add(c.Opened, MCasesOpened, group, 1)
	s.add(c.Opened, MCasesActive, group, 1)
	if c.Ended != 0 {
		s.add(c.Ended, MCasesActive, group, -1)
		switch c.Status {
		case "CLOSED":
			s.add(c.Ended, MCasesResolved, group, 1)
			s.add(c.Ended, MCasesDays, group+"|"+strconv.Itoa(DaysBucket(c.Days)), 1)
		case "DISMISSED":
			s.add(c.Ended, MCasesDismissed, group, 1)
		}
	}
	for _, a := range c.Actions {
		if a.Kind == "JOB_REFERRAL" {
			s.add(a.Created, MReferrals, "", 1)
			s.add(a.Done, MPlacements, "", 1)
		}
		s.add(a.Done, MAssist, a.Kind, 1)
		if a.Done != 0 {
			s.add(a.Done, MAssistFen, a.Kind, a.Fen)
		}
	}
	return s.out
}

// DaysBucket rounds a case's days to resolution down to the grain its
// counters keep: the day up to 30, ten days up to 180, thirty up to 360,
// and 365 for a year or more. Medians are read at that grain; it keeps the
// counters of a busy region to a few dozen per case group and month.
func DaysBucket(d int) int {
	switch {
	case d <= 30:
		return max(d, 0)
	case d < 180:
		return d - d%10
	case d < 365:
		return min(d-d%30, 360)
	}
	return 365
}

func orUnknown(v string) string {
	if v == "" {
		return "UNKNOWN"
	}
	return v
}

func disabilityBand(grade int) string {
	if grade <= 4 {
		return "1-4"
	}
	return "5-10"
}

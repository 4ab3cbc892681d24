package stats

import (
	"maps"
	"slices"
)

// FiguresOf reads the figures from a region's totals.
func (s Suppressor) FiguresOf(t Totals) Figures { return s.FiguresFor(t, nil) }

// FiguresFor reads the sections of the figures a reader asks for, by
// their JSON names ("veterans", "cases", …); nil asks for all. The others
// stay zero: a dashboard's drill-down of dozens of regions and months
// usually shows two or three sections.
func (s Suppressor) FiguresFor(t Totals, sections map[string]bool) Figures {
	want := func(name string) bool { return sections == nil || sections[name] }
	var f Figures
	if want("persons") {
		f.Persons = s.persons(t)
	}
	if want("veterans") {
		f.Veterans = s.veterans(t)
	}
	if want("civil") {
		f.Civil = s.civil(t)
	}
	if want("health") {
		f.Health = s.health(t)
	}
	if want("cases") {
		f.Cases = s.cases(t)
	}
	if want("assistance") {
		f.Assistance = s.assistance(t)
	}
	if want("jobs") {
		f.Jobs = s.jobs(t)
	}
	return f
}

func (s Suppressor) persons(t Totals) PersonFigures {
	all, two, three := t.value(MPersons, ""), t.value(MPersonsDepts, "2"), t.value(MPersonsDepts, "3")
	return PersonFigures{OnRecord: s.Count(all), LinkedTwo: s.Count(two), LinkedThree: s.Count(three),
		LinkedShare: s.Rate(two+three, all), RecordsByDepartment: s.breakdown(t, MRecords)}
}

func (s Suppressor) veterans(t Totals) VeteranFigures {
	all := t.value(MVeterans, "")
	issued, applied := t.value(MVetCard, "ISSUED"), t.value(MVetCard, "APPLIED")
	placed, pending := t.value(MVetPlacement, "PLACED"), t.value(MVetPlacement, "PENDING")
	certified := t.value(MVetCertified, "")
	return VeteranFigures{
		OnRecord:                s.Count(all),
		ByDischargeMode:         s.breakdown(t, MVetDischarge),
		ByEntitledGroup:         s.breakdown(t, MVetGroup),
		ByEmploymentStatus:      s.breakdown(t, MVetEmployment),
		ByPreferentialCard:      s.breakdown(t, MVetCard),
		ByPlacementStatus:       s.breakdown(t, MVetPlacement),
		ByDisabilityGrade:       s.breakdown(t, MVetDisability),
		Entitled:                s.Count(t.value(MVetEntitled, "")),
		CardsIssued:             s.Count(issued),
		CardIssueRate:           s.Rate(issued, all),
		CardApplicationRate:     s.Rate(issued+applied, all),
		Placed:                  s.Count(placed),
		PlacementRate:           s.Rate(placed, placed+pending),
		Unemployed:              s.Count(t.value(MVetEmployment, "UNEMPLOYED")),
		Certified:               s.Count(certified),
		Certificates:            s.hiddenWith(t.value(MVetCertificates, ""), certified),
		MonthlyBenefits:         s.Amount(t.value(MVetBenefit, ""), t.value(MVetBenefitN, "")),
		EntitledMonthlyBenefits: s.Amount(t.value(MVetEntitledBenefit, ""), t.value(MVetEntitledBenefitN, "")),
		LinkedCivil:             s.Count(t.value(MVetLinked, "CIVIL")),
		LinkedHealth:            s.Count(t.value(MVetLinked, "HEALTH")),
		Coverage:                s.Rate(t.value(MVetLinked, "ANY"), all),
	}
}

func (s Suppressor) civil(t Totals) CivilFigures {
	receiving := t.value(MCivilDibao, "RECEIVING")
	payments := t.value(MTempAssist, "")
	return CivilFigures{
		OnRecord:                  s.Count(t.value(MCivil, "")),
		ByDibaoStatus:             s.breakdown(t, MCivilDibao),
		DibaoReceiving:            s.Count(receiving),
		DibaoMonthly:              s.Amount(t.value(MCivilDibaoFen, ""), receiving),
		ExtremePoverty:            s.Count(t.value(MCivilExtreme, "")),
		NearDibao:                 s.Count(t.value(MCivilNear, "")),
		LivingAlone:               s.Count(t.value(MCivilAlone, "")),
		DisabilitySubsidy:         s.Count(t.value(MCivilSubsidy, "")),
		TemporaryAssistance:       s.Count(payments),
		TemporaryAssistanceAmount: s.Amount(t.value(MTempAssistFen, ""), payments),
	}
}

func (s Suppressor) health(t Totals) HealthFigures {
	all, doctor := t.value(MHealth, ""), t.value(MHealthFamilyDoctor, "")
	return HealthFigures{
		OnRecord:               s.Count(all),
		SeriousIllness:         s.Count(t.value(MHealthSerious, "")),
		ByFunctionalDisability: s.breakdown(t, MHealthDisability),
		Dementia:               s.Count(t.value(MHealthDementia, "")),
		FamilyDoctor:           s.Count(doctor),
		FamilyDoctorRate:       s.Rate(doctor, all),
	}
}

func (s Suppressor) assistance(t Totals) AssistanceFigures {
	counts, fens := t.dims(MAssist), t.dims(MAssistFen)
	var f AssistanceFigures
	var n, fen int64
	for _, kind := range slices.Sorted(maps.Keys(counts)) {
		n, fen = n+counts[kind], fen+fens[kind]
		f.ByKind = append(f.ByKind, KindAmount{Key: kind, Count: s.Count(counts[kind]),
			Amount: s.Amount(fens[kind], counts[kind])})
	}
	f.Actions, f.Amount = s.Count(n), s.Amount(fen, n)
	return f
}

func (s Suppressor) jobs(t Totals) JobFigures {
	return JobFigures{
		Seekers:          s.Count(t.value(MVetEmployment, "UNEMPLOYED") + t.value(MVetEmployment, "FLEXIBLE")),
		Postings:         s.Count(t.value(MPostings, "")),
		Openings:         s.Count(t.value(MOpenings, "")),
		VeteranPreferred: s.Count(t.value(MVeteranPreferred, "")),
		Referrals:        s.Count(t.value(MReferrals, "")),
		Placements:       s.Count(t.value(MPlacements, "")),
	}
}

// breakdown lists a metric's dimensions, largest first (then by key).
func (s Suppressor) breakdown(t Totals, metric string) []KeyCount {
	dims := t.dims(metric)
	keys := slices.Sorted(maps.Keys(dims))
	slices.SortStableFunc(keys, func(a, b string) int { return int(dims[b] - dims[a]) })
	out := make([]KeyCount, 0, len(keys))
	for _, k := range keys {
		out = append(out, KeyCount{Key: k, Count: s.Count(dims[k])})
	}
	return out
}

// hiddenWith is a count of things (certificates) held by n persons,
// hidden when n is.
func (s Suppressor) hiddenWith(things, n int64) Count {
	if s.hides(n) {
		return Count{Display: s.hidden(), Suppressed: true}
	}
	return Count{Value: &things, Display: thousands(things)}
}

package stats

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Figures are a region's figures for a period: levels (veterans on
// record) at the period's end, activity (cases opened) within it.
type Figures struct {
	Persons    PersonFigures     `json:"persons"`
	Veterans   VeteranFigures    `json:"veterans"`
	Civil      CivilFigures      `json:"civil"`
	Health     HealthFigures     `json:"health"`
	Cases      CaseFigures       `json:"cases"`
	Assistance AssistanceFigures `json:"assistance"`
	Jobs       JobFigures        `json:"jobs"`
}

// KeyCount is a count of one value of a breakdown (a discharge mode).
type KeyCount struct {
	Key   string `json:"key"`
	Count Count  `json:"count"`
}

// PersonFigures count persons and how far they are linked.
type PersonFigures struct {
	OnRecord            Count      `json:"onRecord"`
	LinkedTwo           Count      `json:"linkedTwo"`   // known to exactly two departments
	LinkedThree         Count      `json:"linkedThree"` // known to all three
	LinkedShare         Rate       `json:"linkedShare"` // known to two or three
	RecordsByDepartment []KeyCount `json:"recordsByDepartment"`
}

// VeteranFigures are the veterans bureau's own figures.
type VeteranFigures struct {
	OnRecord                Count      `json:"onRecord"`
	ByDischargeMode         []KeyCount `json:"byDischargeMode"`
	ByEntitledGroup         []KeyCount `json:"byEntitledGroup"`
	ByEmploymentStatus      []KeyCount `json:"byEmploymentStatus"`
	ByPreferentialCard      []KeyCount `json:"byPreferentialCard"`
	ByPlacementStatus       []KeyCount `json:"byPlacementStatus"`
	ByDisabilityGrade       []KeyCount `json:"byDisabilityGrade"`
	Entitled                Count      `json:"entitled"`
	CardsIssued             Count      `json:"cardsIssued"`
	CardIssueRate           Rate       `json:"cardIssueRate"`       // ISSUED of all on record
	CardApplicationRate     Rate       `json:"cardApplicationRate"` // APPLIED or ISSUED of all on record
	Placed                  Count      `json:"placed"`
	PlacementRate           Rate       `json:"placementRate"` // PLACED of PLACED and PENDING
	Unemployed              Count      `json:"unemployed"`
	Certified               Count      `json:"certified"`
	Certificates            Count      `json:"certificates"`
	MonthlyBenefits         Amount     `json:"monthlyBenefits"`
	EntitledMonthlyBenefits Amount     `json:"entitledMonthlyBenefits"`
	LinkedCivil             Count      `json:"linkedCivil"`
	LinkedHealth            Count      `json:"linkedHealth"`
	Coverage                Rate       `json:"coverage"` // known to civil affairs or health as well
}

// CivilFigures are civil affairs' figures.
type CivilFigures struct {
	OnRecord                  Count      `json:"onRecord"`
	ByDibaoStatus             []KeyCount `json:"byDibaoStatus"`
	DibaoReceiving            Count      `json:"dibaoReceiving"`
	DibaoMonthly              Amount     `json:"dibaoMonthly"`
	ExtremePoverty            Count      `json:"extremePoverty"`
	NearDibao                 Count      `json:"nearDibao"`
	LivingAlone               Count      `json:"livingAlone"`
	DisabilitySubsidy         Count      `json:"disabilitySubsidy"`
	TemporaryAssistance       Count      `json:"temporaryAssistance"` // payments in the period
	TemporaryAssistanceAmount Amount     `json:"temporaryAssistanceAmount"`
}

// HealthFigures are health's figures.
type HealthFigures struct {
	OnRecord               Count      `json:"onRecord"`
	SeriousIllness         Count      `json:"seriousIllness"`
	ByFunctionalDisability []KeyCount `json:"byFunctionalDisability"`
	Dementia               Count      `json:"dementia"`
	FamilyDoctor           Count      `json:"familyDoctor"`
	FamilyDoctorRate       Rate       `json:"familyDoctorRate"`
}

// CaseFigures count hardship cases, in all and by category and priority.
type CaseFigures struct {
	CaseGroup
	ResolutionRate Rate        `json:"resolutionRate"` // cases resolved in the period per case opened in it
	ByCategory     []CaseGroup `json:"byCategory"`
	ByPriority     []CaseGroup `json:"byPriority"`
}

// CaseGroup counts the cases of one category or priority ("" for all).
type CaseGroup struct {
	Key                 string `json:"key"`
	Opened              Count  `json:"opened"`
	Resolved            Count  `json:"resolved"`
	Dismissed           Count  `json:"dismissed"`
	Active              Count  `json:"active"` // open at the period's end
	MedianDaysToResolve Median `json:"medianDaysToResolve"`
}

// AssistanceFigures are assistance actions done in the period.
type AssistanceFigures struct {
	Actions Count        `json:"actions"`
	Amount  Amount       `json:"amount"`
	ByKind  []KindAmount `json:"byKind"`
}

// KindAmount is the actions of one kind and what they paid.
type KindAmount struct {
	Key    string `json:"key"`
	Count  Count  `json:"count"`
	Amount Amount `json:"amount"`
}

// JobFigures are job postings offered and referrals made and completed.
type JobFigures struct {
	Seekers          Count `json:"seekers"` // veterans unemployed or in flexible work
	Postings         Count `json:"postings"`
	Openings         Count `json:"openings"`
	VeteranPreferred Count `json:"veteranPreferred"`
	Referrals        Count `json:"referrals"`
	Placements       Count `json:"placements"`
}

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

// caseSeries sums a case metric's "CATEGORY|PRIORITY[|days]" dimensions by
// the part of the key that pick chooses.
func caseSeries(t Totals, metric string, pick func(category, priority string) string) map[string]int64 {
	out := map[string]int64{}
	for dim, v := range t.dims(metric) {
		parts := strings.SplitN(dim, "|", 3)
		if len(parts) >= 2 {
			out[pick(parts[0], parts[1])] += v
		}
	}
	return out
}

// caseDays is the resolution-days histogram of each group pick chooses.
func caseDays(t Totals, pick func(category, priority string) string) map[string]map[int]int64 {
	out := map[string]map[int]int64{}
	for dim, v := range t.dims(MCasesDays) {
		parts := strings.SplitN(dim, "|", 3)
		if len(parts) != 3 {
			continue
		}
		days, err := strconv.Atoi(parts[2])
		if err != nil {
			continue
		}
		g := pick(parts[0], parts[1])
		if out[g] == nil {
			out[g] = map[int]int64{}
		}
		out[g][days] += v
	}
	return out
}

func (s Suppressor) cases(t Totals) CaseFigures {
	all := func(string, string) string { return "" }
	byCategory := func(c, _ string) string { return c }
	byPriority := func(_, p string) string { return p }
	total := s.caseGroups(t, all)
	f := CaseFigures{ByCategory: s.caseGroups(t, byCategory), ByPriority: s.caseGroups(t, byPriority)}
	if len(total) > 0 {
		f.CaseGroup = total[0]
	} else {
		f.CaseGroup = s.caseGroup("", 0, 0, 0, 0, nil)
	}
	f.ResolutionRate = s.Rate(sumValues(caseSeries(t, MCasesResolved, all)), sumValues(caseSeries(t, MCasesOpened, all)))
	return f
}

// caseGroups counts cases by the groups pick makes, in key order (for
// priority: HIGH, MEDIUM, LOW).
func (s Suppressor) caseGroups(t Totals, pick func(string, string) string) []CaseGroup {
	opened, resolved := caseSeries(t, MCasesOpened, pick), caseSeries(t, MCasesResolved, pick)
	dismissed, active := caseSeries(t, MCasesDismissed, pick), caseSeries(t, MCasesActive, pick)
	days := caseDays(t, pick)
	keys := map[string]bool{}
	for _, m := range []map[string]int64{opened, resolved, dismissed, active} {
		for k, v := range m {
			if v != 0 {
				keys[k] = true
			}
		}
	}
	ordered := slices.SortedFunc(maps.Keys(keys), func(a, b string) int {
		if ra, rb := priorityRank(a), priorityRank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	out := make([]CaseGroup, 0, len(ordered))
	for _, k := range ordered {
		out = append(out, s.caseGroup(k, opened[k], resolved[k], dismissed[k], active[k], days[k]))
	}
	return out
}

func (s Suppressor) caseGroup(key string, opened, resolved, dismissed, active int64, days map[int]int64) CaseGroup {
	return CaseGroup{Key: key, Opened: s.Count(opened), Resolved: s.Count(resolved),
		Dismissed: s.Count(dismissed), Active: s.Count(active), MedianDaysToResolve: s.Median(days)}
}

func priorityRank(p string) int {
	switch p {
	case "HIGH":
		return 1
	case "MEDIUM":
		return 2
	case "LOW":
		return 3
	}
	return 4
}

func sumValues(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

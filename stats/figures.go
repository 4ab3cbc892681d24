package stats

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

package feed

// The input types hold what a department sent, before validation. Their
// json tags are the feed keys, and their Go field names equal the keys up to
// case so that gqlgen binds the GraphQL input types to them directly.
// Optional fields are pointers or slices: absent or null stays nil, which
// means unknown; an empty list means "known to be none".

// PersonInput holds the keys every person record has.
type PersonInput struct {
	SourceID      string  `json:"sourceId"`
	SourceVersion *int64  `json:"sourceVersion,omitzero"`
	AsOf          *string `json:"asOf,omitzero"`
	Name          *string `json:"name,omitzero"`
	IDNumber      *string `json:"idNumber,omitzero"`
	Sex           *string `json:"sex,omitzero"`
	BirthDate     *string `json:"birthDate,omitzero"`
	Phone         *string `json:"phone,omitzero"`
	Address       *string `json:"address,omitzero"`
	RegionCode    *string `json:"regionCode,omitzero"`
}

// VeteranInput is a record from the veterans bureau's registry (建档立卡).
type VeteranInput struct {
	PersonInput
	ServiceBranch        *string  `json:"serviceBranch,omitzero"`
	EnlistDate           *string  `json:"enlistDate,omitzero"`
	DischargeDate        *string  `json:"dischargeDate,omitzero"`
	DischargeMode        *string  `json:"dischargeMode,omitzero"`
	Rank                 *string  `json:"rank,omitzero"`
	MilitarySpecialty    *string  `json:"militarySpecialty,omitzero"`
	Merits               []string `json:"merits,omitzero"`
	DisabilityGrade      *int     `json:"disabilityGrade,omitzero"`
	DisabilityCause      *string  `json:"disabilityCause,omitzero"`
	EntitledGroups       []string `json:"entitledGroups,omitzero"`
	PreferentialCard     *string  `json:"preferentialCard,omitzero"`
	PlacementStatus      *string  `json:"placementStatus,omitzero"`
	EmploymentStatus     *string  `json:"employmentStatus,omitzero"`
	EmploymentSince      *string  `json:"employmentSince,omitzero"`
	Skills               []string `json:"skills,omitzero"`
	Education            *string  `json:"education,omitzero"`
	PreferredOccupations []string `json:"preferredOccupations,omitzero"`
	PreferredRegions     []string `json:"preferredRegions,omitzero"`
	MonthlyBenefit       *float64 `json:"monthlyBenefit,omitzero"`
}

// TemporaryAssistanceInput is one payment of temporary assistance (临时救助).
type TemporaryAssistanceInput struct {
	Date   *string  `json:"date,omitzero"`
	Amount *float64 `json:"amount,omitzero"`
	Reason *string  `json:"reason,omitzero"`
}

// CivilInput is a record from civil affairs (民政).
type CivilInput struct {
	PersonInput
	HouseholdID            *string                    `json:"householdId,omitzero"`
	HouseholdSize          *int                       `json:"householdSize,omitzero"`
	PerCapitaMonthlyIncome *float64                   `json:"perCapitaMonthlyIncome,omitzero"`
	DibaoStatus            *string                    `json:"dibaoStatus,omitzero"`
	DibaoMonthlyAmount     *float64                   `json:"dibaoMonthlyAmount,omitzero"`
	ExtremePoverty         *bool                      `json:"extremePoverty,omitzero"`
	NearDibao              *bool                      `json:"nearDibao,omitzero"`
	TemporaryAssistance    []TemporaryAssistanceInput `json:"temporaryAssistance,omitzero"`
	DisabilitySubsidy      *bool                      `json:"disabilitySubsidy,omitzero"`
	LivingAlone            *bool                      `json:"livingAlone,omitzero"`
	MaritalStatus          *string                    `json:"maritalStatus,omitzero"`
}

// HealthInput is a record from health and medical insurance (卫健/医保).
type HealthInput struct {
	PersonInput
	ChronicConditions    []string `json:"chronicConditions,omitzero"`
	SeriousIllnesses     []string `json:"seriousIllnesses,omitzero"`
	FunctionalDisability *string  `json:"functionalDisability,omitzero"`
	Dementia             *bool    `json:"dementia,omitzero"`
	CostYear             *int     `json:"costYear,omitzero"`
	MedicalCostTotal     *float64 `json:"medicalCostTotal,omitzero"`
	InsurancePaid        *float64 `json:"insurancePaid,omitzero"`
	OutOfPocket          *float64 `json:"outOfPocket,omitzero"`
	HospitalStays        *int     `json:"hospitalStays,omitzero"`
	FamilyDoctorContract *bool    `json:"familyDoctorContract,omitzero"`
}

// JobInput is a job posting from the employment service.
type JobInput struct {
	SourceID         string   `json:"sourceId"`
	SourceVersion    *int64   `json:"sourceVersion,omitzero"`
	AsOf             *string  `json:"asOf,omitzero"`
	Employer         *string  `json:"employer,omitzero"`
	Title            *string  `json:"title,omitzero"`
	OccupationCode   *string  `json:"occupationCode,omitzero"`
	RequiredSkills   []string `json:"requiredSkills,omitzero"`
	MinEducation     *string  `json:"minEducation,omitzero"`
	MinAge           *int     `json:"minAge,omitzero"`
	MaxAge           *int     `json:"maxAge,omitzero"`
	PhysicalDemand   *string  `json:"physicalDemand,omitzero"`
	RegionCode       *string  `json:"regionCode,omitzero"`
	SalaryMin        *float64 `json:"salaryMin,omitzero"`
	SalaryMax        *float64 `json:"salaryMax,omitzero"`
	Openings         *int     `json:"openings,omitzero"`
	VeteranPreferred *bool    `json:"veteranPreferred,omitzero"`
	ClosesOn         *string  `json:"closesOn,omitzero"`
}

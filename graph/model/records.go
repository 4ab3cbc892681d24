package model

import "time"

// SourceRecord is the GraphQL SourceRecord interface: VeteranRecord,
// CivilRecord or HealthRecord, all built on RecordBase.
type SourceRecord interface {
	IsSourceRecord()
	// Common returns the keys every department's record has.
	Common() *RecordBase
}

// RecordBase holds the fields every department's record has; the person
// field is resolved from PersonID.
type RecordBase struct {
	ID            string
	Department    Department
	SourceID      string
	SourceVersion int64
	AsOf          Date
	Name          string
	IDNumber      *string
	IDNumberValid bool
	Sex           *Sex
	BirthDate     *Date
	Phone         *string
	Address       *string
	RegionCode    string
	LinkMethod    *string
	LinkedAt      *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time

	// PersonID is the linked person's id, 0 until linkage has run.
	PersonID int64
}

// IsSourceRecord marks the implementations of SourceRecord.
func (RecordBase) IsSourceRecord() {}

// VeteranRecord is the veterans bureau's registry record (建档立卡).
type VeteranRecord struct {
	RecordBase
	ServiceBranch        *string
	EnlistDate           *Date
	DischargeDate        *Date
	DischargeMode        *DischargeMode
	Rank                 *string
	MilitarySpecialty    *string
	Merits               []Merit
	DisabilityGrade      *int
	DisabilityCause      *DisabilityCause
	EntitledGroups       []EntitledGroup
	PreferentialCard     *PreferentialCard
	PlacementStatus      *PlacementStatus
	EmploymentStatus     *EmploymentStatus
	EmploymentSince      *Date
	Skills               []string
	Education            *Education
	PreferredOccupations []string
	PreferredRegions     []string
	MonthlyBenefit       *Money
}

// Common returns the keys every department's record has.
func (r *VeteranRecord) Common() *RecordBase { return &r.RecordBase }

// CivilRecord is civil affairs' (民政) record: household, income, assistance.
type CivilRecord struct {
	RecordBase
	HouseholdID            *string
	HouseholdSize          *int
	PerCapitaMonthlyIncome *Money
	DibaoStatus            *DibaoStatus
	DibaoMonthlyAmount     *Money
	ExtremePoverty         *bool
	NearDibao              *bool
	TemporaryAssistance    []TemporaryAssistance
	DisabilitySubsidy      *bool
	LivingAlone            *bool
	MaritalStatus          *MaritalStatus
}

// Common returns the keys every department's record has.
func (r *CivilRecord) Common() *RecordBase { return &r.RecordBase }

// HealthRecord is the health department's (卫健/医保) record.
type HealthRecord struct {
	RecordBase
	ChronicConditions    []string
	SeriousIllnesses     []string
	FunctionalDisability *FunctionalDisability
	Dementia             *bool
	CostYear             *int
	MedicalCostTotal     *Money
	InsurancePaid        *Money
	OutOfPocket          *Money
	HospitalStays        *int
	FamilyDoctorContract *bool
}

// Common returns the keys every department's record has.
func (r *HealthRecord) Common() *RecordBase { return &r.RecordBase }

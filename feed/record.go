package feed

import (
	"encoding/json"
	"fmt"
)

// Record is a validated, normalised person record of one department: what
// vethub stores.
type Record struct {
	Department    Department
	SourceID      string // trimmed; unique within the department
	SourceVersion int64
	AsOf          Date
	Name          string // trimmed, inner ASCII and full-width spaces removed
	IDNumber      string // 18 characters, uppercase X; "" when none was sent
	IDValid       bool   // IDNumber has a real birth date and a right check character
	IDProblem     string // a matching.IDProblem* constant when !IDValid and IDNumber != ""
	IDLegacy      bool   // IDNumber came as a 15-digit legacy number and was upgraded
	Sex           string // "M", "F" or "" (unknown); as sent, never derived from the ID
	BirthDate     Date   // as sent, never derived from the ID; zero when unknown
	Phone         string // digits only, without +86
	Address       string // trimmed, runs of white space collapsed to one space
	RegionCode    string // 6, 9 or 12 digits
	// Attrs holds the department-specific keys, normalised, as canonical JSON
	// with the feed key names; unknown keys and unknown values are left out.
	// It decodes into Veteran, Civil or Health (see the Record methods).
	Attrs json.RawMessage
	// Raw is the input exactly as received: the NDJSON line, or for GraphQL
	// what the caller passed (json.Marshal of the input).
	Raw json.RawMessage
	// Hash is a SHA-256 over the normalised content: department, sourceId,
	// the person keys and Attrs. It leaves out sourceVersion and asOf, so a
	// department re-confirming an unchanged record yields the same Hash and
	// the work after ingest (linkage, rules) can be skipped.
	Hash [32]byte
}

// Veteran holds the normalised keys of a veteran record. Enum values are
// uppercase; a zero value means unknown, except where a pointer is used
// because zero is meaningful; a nil list is unknown, an empty one is none.
type Veteran struct {
	ServiceBranch        string   `json:"serviceBranch,omitzero"`
	EnlistDate           Date     `json:"enlistDate,omitzero"`
	DischargeDate        Date     `json:"dischargeDate,omitzero"`
	DischargeMode        string   `json:"dischargeMode,omitzero"`
	Rank                 string   `json:"rank,omitzero"`
	MilitarySpecialty    string   `json:"militarySpecialty,omitzero"`
	Merits               []string `json:"merits,omitzero"`
	DisabilityGrade      int      `json:"disabilityGrade,omitzero"` // 1–10, 0 unknown or none
	DisabilityCause      string   `json:"disabilityCause,omitzero"`
	EntitledGroups       []string `json:"entitledGroups,omitzero"`
	PreferentialCard     string   `json:"preferentialCard,omitzero"`
	PlacementStatus      string   `json:"placementStatus,omitzero"`
	EmploymentStatus     string   `json:"employmentStatus,omitzero"`
	EmploymentSince      Date     `json:"employmentSince,omitzero"`
	Skills               []string `json:"skills,omitzero"`
	Education            string   `json:"education,omitzero"`
	PreferredOccupations []string `json:"preferredOccupations,omitzero"`
	PreferredRegions     []string `json:"preferredRegions,omitzero"`
	MonthlyBenefit       *float64 `json:"monthlyBenefit,omitzero"`
}

// TemporaryAssistance is one normalised payment of temporary assistance.
type TemporaryAssistance struct {
	Date   Date     `json:"date,omitzero"`
	Amount *float64 `json:"amount,omitzero"`
	Reason string   `json:"reason,omitzero"`
}

// Civil holds the normalised keys of a civil affairs record (see Veteran
// for the zero-value conventions).
type Civil struct {
	HouseholdID            string                `json:"householdId,omitzero"`
	HouseholdSize          int                   `json:"householdSize,omitzero"` // 1–50, 0 unknown
	PerCapitaMonthlyIncome *float64              `json:"perCapitaMonthlyIncome,omitzero"`
	DibaoStatus            string                `json:"dibaoStatus,omitzero"`
	DibaoMonthlyAmount     *float64              `json:"dibaoMonthlyAmount,omitzero"`
	ExtremePoverty         *bool                 `json:"extremePoverty,omitzero"`
	NearDibao              *bool                 `json:"nearDibao,omitzero"`
	TemporaryAssistance    []TemporaryAssistance `json:"temporaryAssistance,omitzero"`
	DisabilitySubsidy      *bool                 `json:"disabilitySubsidy,omitzero"`
	LivingAlone            *bool                 `json:"livingAlone,omitzero"`
	MaritalStatus          string                `json:"maritalStatus,omitzero"`
}

// Health holds the normalised keys of a health record (see Veteran for the
// zero-value conventions). Costs and hospitalStays refer to CostYear.
type Health struct {
	ChronicConditions    []string `json:"chronicConditions,omitzero"` // ICD-10, uppercase
	SeriousIllnesses     []string `json:"seriousIllnesses,omitzero"`  // ICD-10, uppercase
	FunctionalDisability string   `json:"functionalDisability,omitzero"`
	Dementia             *bool    `json:"dementia,omitzero"`
	CostYear             int      `json:"costYear,omitzero"` // 0 unknown
	MedicalCostTotal     *float64 `json:"medicalCostTotal,omitzero"`
	InsurancePaid        *float64 `json:"insurancePaid,omitzero"`
	OutOfPocket          *float64 `json:"outOfPocket,omitzero"`
	HospitalStays        *int     `json:"hospitalStays,omitzero"`
	FamilyDoctorContract *bool    `json:"familyDoctorContract,omitzero"`
}

// Job is a validated, normalised job posting. The json tags give the feed
// format; Raw and Hash are not part of it.
type Job struct {
	SourceID         string   `json:"sourceId"`
	SourceVersion    int64    `json:"sourceVersion"`
	AsOf             Date     `json:"asOf"`
	Employer         string   `json:"employer,omitzero"`
	Title            string   `json:"title"`
	OccupationCode   string   `json:"occupationCode,omitzero"`
	RequiredSkills   []string `json:"requiredSkills,omitzero"`
	MinEducation     string   `json:"minEducation,omitzero"`
	MinAge           *int     `json:"minAge,omitzero"`
	MaxAge           *int     `json:"maxAge,omitzero"`
	PhysicalDemand   string   `json:"physicalDemand,omitzero"`
	RegionCode       string   `json:"regionCode"`
	SalaryMin        *float64 `json:"salaryMin,omitzero"`
	SalaryMax        *float64 `json:"salaryMax,omitzero"`
	Openings         int      `json:"openings,omitzero"` // ≥ 1, 0 unknown
	VeteranPreferred *bool    `json:"veteranPreferred,omitzero"`
	ClosesOn         Date     `json:"closesOn,omitzero"`
	// Raw is the input exactly as received.
	Raw json.RawMessage `json:"-"`
	// Hash is a SHA-256 over the normalised posting without sourceVersion
	// and asOf (see Record.Hash).
	Hash [32]byte `json:"-"`
}

// FieldError is one finding about one field of an input.
type FieldError struct {
	Path    string // feed key, e.g. "birthDate" or "temporaryAssistance[2].amount"; "" for the whole line
	Code    string // SCREAMING_SNAKE, one of the Code* constants
	Message string // English; names the field, the value and the rule
}

// Error returns "path: message", or the message alone for the whole line.
func (e FieldError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Result is the outcome of validating one person record.
type Result struct {
	Record   Record       // filled as far as the input allowed, even when rejected
	Errors   []FieldError // the record must be rejected when non-empty
	Warnings []FieldError // the record is kept; e.g. a wrong ID check character
}

// OK reports whether the record is accepted (no errors).
func (r Result) OK() bool { return len(r.Errors) == 0 }

// JobResult is the outcome of validating one job posting.
type JobResult struct {
	Job      Job
	Errors   []FieldError // the posting must be rejected when non-empty
	Warnings []FieldError
}

// OK reports whether the posting is accepted (no errors).
func (r JobResult) OK() bool { return len(r.Errors) == 0 }

// Veteran decodes Attrs; it fails when the record is not a veteran record
// or Attrs is not valid JSON.
func (r Record) Veteran() (Veteran, error) {
	var v Veteran
	return v, r.decodeAttrs(DepartmentVeteran, &v)
}

// Civil decodes Attrs; it fails when the record is not a civil affairs
// record or Attrs is not valid JSON.
func (r Record) Civil() (Civil, error) {
	var c Civil
	return c, r.decodeAttrs(DepartmentCivil, &c)
}

// Health decodes Attrs; it fails when the record is not a health record or
// Attrs is not valid JSON.
func (r Record) Health() (Health, error) {
	var h Health
	return h, r.decodeAttrs(DepartmentHealth, &h)
}

func (r Record) decodeAttrs(want Department, into any) error {
	if r.Department != want {
		return fmt.Errorf("feed: record %q is from %s, not %s", r.SourceID, r.Department, want)
	}
	if len(r.Attrs) == 0 {
		return nil
	}
	return json.Unmarshal(r.Attrs, into)
}

package feed

import "strings"

// enum is a closed set of uppercase values.
type enum struct {
	values []string
	set    map[string]struct{}
	list   string // "A, B, C" for messages
}

func newEnum(values ...string) *enum {
	e := &enum{values: values, set: make(map[string]struct{}, len(values)), list: strings.Join(values, ", ")}
	for _, v := range values {
		e.set[v] = struct{}{}
	}
	return e
}

// lookup returns the canonical value for s in any case.
func (e *enum) lookup(s string) (string, bool) {
	u := strings.ToUpper(s) // no allocation when s is already uppercase ASCII
	_, ok := e.set[u]
	return u, ok
}

var (
	dischargeModes = newEnum("SELF_EMPLOYMENT", "ASSIGNED_JOB", "RETIREMENT", "STATE_SUPPORT",
		"MONTHLY_PENSION", "DEMOBILIZATION", "TRANSFER")
	merits           = newEnum("COMMENDATION", "THIRD_CLASS", "SECOND_CLASS", "FIRST_CLASS", "HONORARY_TITLE")
	disabilityCauses = newEnum("COMBAT", "DUTY", "ILLNESS")
	entitledGroups   = newEnum("DISABLED_SERVICEMAN", "MARTYR_SURVIVOR", "DUTY_DEATH_SURVIVOR",
		"ILLNESS_DEATH_SURVIVOR", "WAR_VETERAN", "NUCLEAR_TEST_VETERAN", "DEMOBILIZED_SOLDIER",
		"ILL_RETURNED_SOLDIER", "RURAL_VETERAN_OVER_60", "ACTIVE_DUTY_FAMILY")
	preferentialCards  = newEnum("NONE", "APPLIED", "ISSUED")
	placementStatuses  = newEnum("NOT_APPLICABLE", "PENDING", "PLACED")
	employmentStatuses = newEnum("EMPLOYED", "SELF_EMPLOYED", "FLEXIBLE", "UNEMPLOYED", "RETIRED", "STUDENT")
	educations         = newEnum("PRIMARY", "JUNIOR_HIGH", "SENIOR_HIGH", "VOCATIONAL", "COLLEGE",
		"BACHELOR", "POSTGRADUATE")
	dibaoStatuses          = newEnum("NONE", "APPLIED", "RECEIVING", "STOPPED")
	maritalStatuses        = newEnum("SINGLE", "MARRIED", "DIVORCED", "WIDOWED")
	functionalDisabilities = newEnum("NONE", "MILD", "MODERATE", "SEVERE")
	physicalDemands        = newEnum("LIGHT", "MEDIUM", "HEAVY")
)

// enumsByKey maps each enum-valued feed key to its values.
var enumsByKey = map[string]*enum{
	"dischargeMode":        dischargeModes,
	"merits":               merits,
	"disabilityCause":      disabilityCauses,
	"entitledGroups":       entitledGroups,
	"preferentialCard":     preferentialCards,
	"placementStatus":      placementStatuses,
	"employmentStatus":     employmentStatuses,
	"education":            educations,
	"dibaoStatus":          dibaoStatuses,
	"maritalStatus":        maritalStatuses,
	"functionalDisability": functionalDisabilities,
	"minEducation":         educations,
	"physicalDemand":       physicalDemands,
	"sex":                  newEnum("M", "F"),
}

// AllowedValues returns the values a feed key accepts, in the order of
// DESIGN.md (a fresh slice), or nil when the key is not an enum. Education
// values are ordered from lowest to highest.
func AllowedValues(key string) []string {
	e, ok := enumsByKey[key]
	if !ok {
		return nil
	}
	return append([]string(nil), e.values...)
}

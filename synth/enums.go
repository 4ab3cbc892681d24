package synth

// Feed enum values, in the order of DESIGN.md. Facts store indexes into
// these tables (lists as bit masks), and records write the names.
var (
	dischargeModeNames = []string{"SELF_EMPLOYMENT", "ASSIGNED_JOB", "RETIREMENT", "STATE_SUPPORT",
		"MONTHLY_PENSION", "DEMOBILIZATION", "TRANSFER"}
	meritNames    = []string{"COMMENDATION", "THIRD_CLASS", "SECOND_CLASS", "FIRST_CLASS", "HONORARY_TITLE"}
	causeNames    = []string{"", "COMBAT", "DUTY", "ILLNESS"}
	entitledNames = []string{"DISABLED_SERVICEMAN", "MARTYR_SURVIVOR", "DUTY_DEATH_SURVIVOR",
		"ILLNESS_DEATH_SURVIVOR", "WAR_VETERAN", "NUCLEAR_TEST_VETERAN", "DEMOBILIZED_SOLDIER",
		"ILL_RETURNED_SOLDIER", "RURAL_VETERAN_OVER_60", "ACTIVE_DUTY_FAMILY"}
	cardNames       = []string{"NONE", "APPLIED", "ISSUED"}
	placementNames  = []string{"NOT_APPLICABLE", "PENDING", "PLACED"}
	employmentNames = []string{"EMPLOYED", "SELF_EMPLOYED", "FLEXIBLE", "UNEMPLOYED", "RETIRED", "STUDENT"}
	educationNames  = []string{"PRIMARY", "JUNIOR_HIGH", "SENIOR_HIGH", "VOCATIONAL", "COLLEGE",
		"BACHELOR", "POSTGRADUATE"}
	dibaoNames      = []string{"NONE", "APPLIED", "RECEIVING", "STOPPED"}
	maritalNames    = []string{"SINGLE", "MARRIED", "DIVORCED", "WIDOWED"}
	functionalNames = []string{"NONE", "MILD", "MODERATE", "SEVERE"}
	demandNames     = []string{"LIGHT", "MEDIUM", "HEAVY"}
)

// Indexes into the tables above.
const (
	modeSelfEmployment uint8 = iota
	modeAssignedJob
	modeRetirement
	modeStateSupport
	modeMonthlyPension
	modeDemobilization
	modeTransfer
)

const (
	causeNone uint8 = iota
	causeCombat
	causeDuty
	causeIllness
)

const (
	grpDisabled uint32 = 1 << iota
	grpMartyrSurvivor
	grpDutyDeathSurvivor
	grpIllnessDeathSurvivor
	grpWarVeteran
	grpNuclearTest
	grpDemobilized
	grpIllReturned
	grpRuralOver60
	grpActiveDutyFamily
	grpSurvivors = grpMartyrSurvivor | grpDutyDeathSurvivor | grpIllnessDeathSurvivor
)

const (
	cardNone uint8 = iota
	cardApplied
	cardIssued
)

const (
	placeNA uint8 = iota
	placePending
	placePlaced
)

const (
	empEmployed uint8 = iota
	empSelfEmployed
	empFlexible
	empUnemployed
	empRetired
	empStudent
)

const (
	eduPrimary uint8 = iota
	eduJuniorHigh
	eduSeniorHigh
	eduVocational
	eduCollege
	eduBachelor
	eduPostgraduate
)

const (
	dibaoNone uint8 = iota
	dibaoApplied
	dibaoReceiving
	dibaoStopped
)

const (
	maritalSingle uint8 = iota
	maritalMarried
	maritalDivorced
	maritalWidowed
)

const (
	fnNone uint8 = iota
	fnMild
	fnModerate
	fnSevere
)

const (
	demandLight uint8 = iota
	demandMedium
	demandHeavy
)

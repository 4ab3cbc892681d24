package synth

// Hardship situations planted in the data and listed in
// truth/hardship.ndjson (bit mask over situationNames).
const (
	sitUncovered        uint16 = 1 << iota // income below the local 低保 standard, not covered
	sitMedical                             // out-of-pocket costs over a share of household income
	sitSevereAlone                         // severe disability or dementia, living alone
	sitDisabledIll                         // disability grade 1–4 with a serious illness
	sitUnemployedRecent                    // recently discharged, self-employment mode, unemployed for months
	sitRepeatedAid                         // repeated temporary assistance within 12 months
	sitElderlyAlone                        // entitled-group member aged 70+ living alone
	sitSurvivor                            // survivor of a martyr or serviceman with low income
	numSituations       = 8
)

var situationNames = [numSituations]string{
	"UNCOVERED_LOW_INCOME", "MEDICAL_BURDEN", "SEVERE_DISABILITY_ALONE",
	"DISABLED_VETERAN_SERIOUS_ILLNESS", "UNEMPLOYED_RECENT_VETERAN",
	"REPEATED_TEMPORARY_ASSISTANCE", "ELDERLY_ENTITLED_ALONE", "SURVIVOR_HARDSHIP",
}

// Rule thresholds; they are written to truth/params.json.
const (
	medicalShare        = 0.40 // out-of-pocket over this share of household annual income
	survivorIncomeRatio = 1.5  // survivor's per-capita income below this × 低保 standard
	nearDibaoRatio      = 1.5  // 低保边缘 below this × standard
	recentDischargeYrs  = 2
	minUnemployedDays   = 90
	aidWindowDays       = 365
	minAidCount         = 3
	elderlyAge          = 70
	severeGrade         = 4 // disability grades 1..severeGrade count as severe
)

// Safety margins that keep persons without a planted situation clearly
// outside each rule.
const (
	safeMedicalShare    = 0.25
	safeSurvivorRatio   = 1.6
	safeIncomeRatio     = 1.02 // NONE/STOPPED households sit at least this × standard
	safeUnemployedDays  = 60
	safeElderlyAge      = 69
	recentDischargeSafe = 90 // days beyond two years still treated as recent
)

// Planting probabilities per eligible head (or member, for medical).
var plantRates = [numSituations]float64{0.03, 0.03, 0.02, 0.025, 0.025, 0.025, 0.02, 0.3}

// requiredRecords are the departments whose records show each situation.
var requiredRecords = [numSituations]uint8{
	recCivil, recCivil | recHealth, recCivil | recHealth, recVeteran | recHealth,
	recVeteran, recCivil, recVeteran | recCivil, recVeteran | recCivil,
}

// needsRecords returns the departments the situations in mask need.
func needsRecords(mask uint16) uint8 {
	var rec uint8
	for i := range numSituations {
		if mask&(1<<i) != 0 {
			rec |= requiredRecords[i]
		}
	}
	return rec
}

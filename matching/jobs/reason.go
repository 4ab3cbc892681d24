package jobs

// Reason is one component of a match, or the hard filter that ruled it
// out (Points 0).
type Reason struct {
	Code   string  // SCREAMING_SNAKE, one of the Reason* constants
	Points float64 // what the component added to the score
	Detail string  // English, with the values compared
}

// Match is a scored (person, posting) pair.
type Match struct {
	PersonID int64
	JobID    string // the posting's sourceId
	Score    float64
	Reasons  []Reason
}

// Reasons a component adds points.
const (
	ReasonOccupation       = "OCCUPATION"
	ReasonRegion           = "REGION"
	ReasonCertificates     = "CERTIFICATES"
	ReasonEducation        = "EDUCATION"
	ReasonAge              = "AGE"
	ReasonVeteranPreferred = "VETERAN_PREFERRED"
	ReasonSalary           = "SALARY"
)

// Reasons a posting is ruled out.
const (
	ReasonClosed         = "CLOSED"
	ReasonNoOccupation   = "NO_OCCUPATION_FIT"
	ReasonOutOfReach     = "OUT_OF_REACH"
	ReasonAgeLimit       = "AGE_LIMIT"
	ReasonEducationLimit = "EDUCATION_LIMIT"
	ReasonMissingCert    = "MISSING_CERTIFICATE"
	ReasonPhysicalDemand = "PHYSICAL_DEMAND"
)

package stats

// Metric names, as stored in the counters. A stock metric is a level
// (veterans on record): its value at a month is the sum of its counters up
// to that month. A flow metric is an amount of activity (cases opened):
// its value for a period is the sum of the period's months. Renaming a
// metric or changing what it counts needs a new Version.
const (
	// Persons (stock, from the month first on record).
	MPersons      = "persons"
	MPersonsDepts = "persons.departments" // dim: "1", "2" or "3" departments
	MRecords      = "records"             // dim: department; each record from its asOf month

	// Veterans (stock, from their first veteran record's month).
	MVeterans            = "veterans"
	MVetDischarge        = "veterans.dischargeMode"    // dim: mode or UNKNOWN
	MVetGroup            = "veterans.entitledGroup"    // dim: group
	MVetEntitled         = "veterans.entitled"         // in at least one entitled group
	MVetEmployment       = "veterans.employmentStatus" // dim: status or UNKNOWN
	MVetCard             = "veterans.preferentialCard" // dim: NONE, APPLIED, ISSUED or UNKNOWN
	MVetPlacement        = "veterans.placementStatus"  // dim: status or UNKNOWN
	MVetDisability       = "veterans.disabilityGrade"  // dim: "1-4" or "5-10"
	MVetCertified        = "veterans.certified"        // holding a skill or certificate
	MVetCertificates     = "veterans.certificates"     // skills and certificates held
	MVetBenefit          = "veterans.benefitFen"       // monthly benefits, fen
	MVetBenefitN         = "veterans.benefitPaid"      // veterans with a monthly benefit
	MVetEntitledBenefit  = "veterans.entitledBenefitFen"
	MVetEntitledBenefitN = "veterans.entitledBenefitPaid"
	MVetLinked           = "veterans.linked" // dim: CIVIL, HEALTH or ANY other department

	// Civil affairs (stock).
	MCivil         = "civil"
	MCivilDibao    = "civil.dibaoStatus" // dim: status or UNKNOWN
	MCivilDibaoFen = "civil.dibaoFen"    // monthly 低保 paid to those receiving, fen
	MCivilExtreme  = "civil.extremePoverty"
	MCivilNear     = "civil.nearDibao"
	MCivilAlone    = "civil.livingAlone"
	MCivilSubsidy  = "civil.disabilitySubsidy"
	// Temporary assistance paid (flow, by payment month).
	MTempAssist    = "civil.temporaryAssistance"
	MTempAssistFen = "civil.temporaryAssistanceFen"

	// Health (stock).
	MHealth             = "health"
	MHealthSerious      = "health.seriousIllness"
	MHealthDisability   = "health.functionalDisability" // dim: level or UNKNOWN
	MHealthDementia     = "health.dementia"
	MHealthFamilyDoctor = "health.familyDoctor"

	// Cases, by "CATEGORY|PRIORITY" in the case's region.
	MCasesActive    = "cases.active"    // stock: +1 when opened, -1 when ended
	MCasesOpened    = "cases.opened"    // flow, by month opened
	MCasesResolved  = "cases.resolved"  // flow, CLOSED, by month closed
	MCasesDismissed = "cases.dismissed" // flow, by month dismissed
	MCasesDays      = "cases.days"      // flow: dim "CATEGORY|PRIORITY|days" of resolved cases

	// Assistance actions done (flow, by month done), dim: action kind.
	MAssist    = "assistance.count"
	MAssistFen = "assistance.fen"

	// Jobs (flow).
	MReferrals        = "jobs.referrals"  // job referrals made, by month recorded
	MPlacements       = "jobs.placements" // job referrals done, by month done
	MPostings         = "jobs.postings"   // postings, by asOf month
	MOpenings         = "jobs.openings"
	MVeteranPreferred = "jobs.veteranPreferred"
)

// Version numbers the shape of Facts and Items: stored counters built by
// another version are rebuilt from scratch (statsfold).
const Version = 1

var flows = map[string]bool{
	MTempAssist: true, MTempAssistFen: true, MCasesOpened: true, MCasesResolved: true,
	MCasesDismissed: true, MCasesDays: true, MAssist: true, MAssistFen: true, MReferrals: true,
	MPlacements: true, MPostings: true, MOpenings: true, MVeteranPreferred: true,
}

// IsFlow reports whether a metric is a flow (summed over a period) rather
// than a stock (summed up to the period's end).
func IsFlow(metric string) bool { return flows[metric] }

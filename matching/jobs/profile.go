package jobs

import (
	"fmt"

	"slices"

	"github.com/vethub/vethub/feed"
)

// Profile is what matching knows about one person. Build it with
// NewProfile or Builder.Profile; it is read-only afterwards.
type Profile struct {
	PersonID int64
	// Seeking: a served veteran who is unemployed, under RetirementAge and
	// not waiting for a government placement (those go to the placement
	// plan instead).
	Seeking bool
	Veteran bool // the person has a veteran record of military service
	Age     int  // whole years on the day the profile was built; -1 unknown
	// Education is the index in feed.AllowedValues("education") (lowest
	// first); -1 unknown.
	Education        int
	Region           string   // home region code, 6, 9 or 12 digits; "" unknown
	PreferredRegions []string // as the person listed them
	Targets          []Target // sorted by code
	// Certificates held, normalised, with those they imply; sorted. nil
	// means the record does not say (a requirement is then not checked).
	Certificates []string
	MaxDemand    Demand // heaviest physical demand allowed
	DemandLimit  string // why MaxDemand is below HEAVY; "" when it is not
}

// Limits are the bureau's rules for who seeks work and what physical
// demand a person can take. They are policy, not facts: set them locally.
type Limits struct {
	RetirementAge int // seekers are younger
	HeavyMaxAge   int // oldest age for HEAVY work
	MediumMaxAge  int // oldest age for MEDIUM work
	// Veteran disability grades (1 most severe): grades below HeavyMinGrade
	// rule out HEAVY work, below MediumMinGrade also MEDIUM.
	HeavyMinGrade  int
	MediumMinGrade int
}

// DefaultLimits: seekers under 60; HEAVY work up to 45 and disability
// grade 9–10, MEDIUM up to 55 and grade 7–10.
func DefaultLimits() Limits {
	return Limits{RetirementAge: 60, HeavyMaxAge: 45, MediumMaxAge: 55, HeavyMinGrade: 9, MediumMinGrade: 7}
}

// Builder builds profiles with a crosswalk and limits.
type Builder struct {
	Crosswalk *Crosswalk
	Limits    Limits
}

// NewProfile builds a profile with DefaultCrosswalk and DefaultLimits.
func NewProfile(p Person, today feed.Date) (Profile, error) {
	return Builder{Crosswalk: DefaultCrosswalk(), Limits: DefaultLimits()}.Profile(p, today)
}

// Profile reads the newest record of each department of p. It fails when a
// record has an unknown department or attributes that do not decode, which
// the hub's validation rules out.
func (b Builder) Profile(p Person, today feed.Date) (Profile, error) {
	n, err := feed.NewestRecords(p.Records)
	if err != nil {
		return Profile{}, fmt.Errorf("jobs: person %d: %w", p.ID, err)
	}
	newest := n.All()
	var vet veteranFacts
	var hea healthFacts
	if err := decodeInto(newest[0], &vet); err != nil {
		return Profile{}, err
	}
	if err := decodeInto(newest[2], &hea); err != nil {
		return Profile{}, err
	}
	pr := Profile{
		PersonID: p.ID, Veteran: newest[0] != nil && vet.served(),
		Age: ageOf(birthDate(newest), today), Education: educationRank(vet.Education),
		Region: homeRegion(newest), PreferredRegions: vet.PreferredRegions,
	}
	pr.Seeking = pr.Veteran && vet.EmploymentStatus == "UNEMPLOYED" && vet.PlacementStatus != "PENDING" &&
		(pr.Age < 0 || pr.Age < b.Limits.RetirementAge)
	pr.setTargets(b.Crosswalk, &vet)
	pr.MaxDemand, pr.DemandLimit = b.Limits.capacity(pr.Age, vet.DisabilityGrade, hea.FunctionalDisability)
	return pr, nil
}

func (pr *Profile) setTargets(cw *Crosswalk, vet *veteranFacts) {
	var ts []Target
	for _, code := range vet.PreferredOccupations {
		ts = append(ts, Target{Code: code, Level: FitPreferred, Via: "preferredOccupations"})
	}
	ts = append(ts, cw.specialtyTargets(vet.MilitarySpecialty)...)
	held, certTargets := cw.certificatesOf(vet.Skills)
	pr.Certificates = held
	pr.Targets = mergeTargets(append(ts, certTargets...))
}

// Families returns the occupation families (大类-中类) of the targets,
// sorted: a posting must be in one of them to match.
func (pr *Profile) Families() []string {
	var out []string
	for _, t := range pr.Targets {
		if f := family(t.Code); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// educationRank is the index of an education value in the feed's order
// (lowest first), -1 when unknown.
func educationRank(e string) int {
	return slices.Index(educationOrder, e)
}

var educationOrder = feed.AllowedValues("education")

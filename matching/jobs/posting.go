package jobs

import (
	"slices"

	"github.com/vethub/vethub/feed"
)

// Posting is a job posting prepared for matching. Build it with
// NewPosting; it is read-only afterwards.
type Posting struct {
	SourceID       string
	Occupation     string   // "" when the posting has no code: it then never matches
	Region         string   // 6, 9 or 12 digits
	RequiredSkills []string // normalised, sorted
	MinEducation   int      // index in the feed's education order; -1 none
	MinAge, MaxAge int      // -1 none
	Demand         Demand
	SalaryMax      float64 // 0 unknown
	Openings       int     // 0 unknown: never full
	Filled         int     // openings taken so far
	// Closed is set when the posting was withdrawn before ClosesOn.
	Closed           bool
	VeteranPreferred bool
	ClosesOn         feed.Date // zero: no closing date
}

// NewPosting prepares a validated feed posting; filled is how many of its
// openings are already taken.
func NewPosting(j feed.Job, filled int) Posting {
	p := Posting{
		SourceID: j.SourceID, Occupation: j.OccupationCode, Region: j.RegionCode,
		MinEducation: educationRank(j.MinEducation), MinAge: intOr(j.MinAge, -1), MaxAge: intOr(j.MaxAge, -1),
		Demand: parseDemand(j.PhysicalDemand), Openings: j.Openings, Filled: filled,
		VeteranPreferred: j.VeteranPreferred != nil && *j.VeteranPreferred, ClosesOn: j.ClosesOn,
	}
	if j.SalaryMax != nil {
		p.SalaryMax = *j.SalaryMax
	} else if j.SalaryMin != nil {
		p.SalaryMax = *j.SalaryMin
	}
	for _, s := range j.RequiredSkills {
		p.RequiredSkills = append(p.RequiredSkills, normalize(s))
	}
	slices.Sort(p.RequiredSkills)
	return p
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// Open reports whether the posting takes applicants on today: not
// withdrawn, not past its closing date, not full.
func (j *Posting) Open(today feed.Date) bool {
	if j.Closed || !j.ClosesOn.IsZero() && j.ClosesOn.Before(today.Time) {
		return false
	}
	return j.Openings == 0 || j.Filled < j.Openings
}

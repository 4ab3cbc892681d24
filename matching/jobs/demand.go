package jobs

import "fmt"

// Demand is a posting's physical demand, or the heaviest a person can
// take.
type Demand int8

// The demands, lightest first; DemandUnknown is a posting that does not
// say (it is then not checked).
const (
	DemandUnknown Demand = iota
	DemandLight
	DemandMedium
	DemandHeavy
)

var demandNames = [...]string{"", "LIGHT", "MEDIUM", "HEAVY"}

// String returns the feed's name, or "" for DemandUnknown.
func (d Demand) String() string { return demandNames[d] }

func parseDemand(s string) Demand {
	for i, n := range demandNames {
		if i > 0 && n == s {
			return Demand(i)
		}
	}
	return DemandUnknown
}

// capacity is the heaviest demand age, the veteran disability grade and
// health's functional disability (失能) allow, with the reason for the
// tightest limit. A severe functional disability allows light work only,
// a moderate one at most medium work. Unknown facts do not limit.
func (l Limits) capacity(age, grade int, functional string) (Demand, string) {
	best, why := DemandHeavy, ""
	limit := func(d Demand, reason string) {
		if d < best {
			best, why = d, reason
		}
	}
	switch {
	case age > l.MediumMaxAge:
		limit(DemandLight, fmt.Sprintf("age %d over %d", age, l.MediumMaxAge))
	case age > l.HeavyMaxAge:
		limit(DemandMedium, fmt.Sprintf("age %d over %d", age, l.HeavyMaxAge))
	}
	switch {
	case grade > 0 && grade < l.MediumMinGrade:
		limit(DemandLight, fmt.Sprintf("disability grade %d", grade))
	case grade > 0 && grade < l.HeavyMinGrade:
		limit(DemandMedium, fmt.Sprintf("disability grade %d", grade))
	}
	switch functional {
	case "SEVERE":
		limit(DemandLight, "severe functional disability")
	case "MODERATE":
		limit(DemandMedium, "moderate functional disability")
	}
	return best, why
}

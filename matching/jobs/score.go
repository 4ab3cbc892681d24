package jobs

import (
	"fmt"
	"math"
	"strings"

	"github.com/vethub/vethub/feed"
)

// Score rates posting j for profile p with DefaultWeights (see
// Weights.Score).
func Score(p *Profile, j *Posting, today feed.Date) (Match, bool) {
	w := DefaultWeights()
	return w.Score(p, j, today)
}

// Score rates posting j for profile p on today. ok is false when a hard
// filter rules the pair out: the posting is closed or full, no target
// occupation fits, it lies beyond Reach and outside the preferred regions,
// the person's age or education is outside a stated limit, a required
// certificate is missing, or the physical demand exceeds what the person
// can take. Reasons then holds that one filter; otherwise one Reason per
// component, and Score is their sum rounded to 0.01.
func (w *Weights) Score(p *Profile, j *Posting, today feed.Date) (Match, bool) {
	var reasons []Reason
	s, ok := w.score(p, j, today, &reasons)
	return Match{PersonID: p.PersonID, JobID: j.SourceID, Score: s, Reasons: reasons}, ok
}

// score is Score without allocations when why is nil (the index's hot
// path): every Reason is built only when asked for.
func (w *Weights) score(p *Profile, j *Posting, today feed.Date, why *[]Reason) (float64, bool) {
	if !j.Open(today) {
		return 0, reject(why, ReasonClosed, func() string { return "the posting is closed or full" })
	}
	occ, ok := w.occupationPoints(p, j, why)
	if !ok {
		return 0, false
	}
	reg, ok := w.regionPoints(p, j, why)
	if !ok || !w.withinLimits(p, j, why) {
		return 0, false
	}
	cert, ok := w.certificatePoints(p, j, why)
	if !ok {
		return 0, false
	}
	s := occ + reg + cert + w.educationPoints(p, j, why) + w.agePoints(p, j, why) + w.bonusPoints(p, j, why)
	return math.Round(s*100) / 100, true
}

func reject(why *[]Reason, code string, detail func() string) bool {
	if why != nil {
		*why = []Reason{{Code: code, Detail: detail()}}
	}
	return false
}

func add(why *[]Reason, code string, points float64, detail func() string) float64 {
	if why != nil {
		*why = append(*why, Reason{Code: code, Points: math.Round(points*100) / 100, Detail: detail()})
	}
	return points
}

// occupationPoints scores the strongest target: the posting's own code,
// else its family.
func (w *Weights) occupationPoints(p *Profile, j *Posting, why *[]Reason) (float64, bool) {
	best, via := fitNone, ""
	fam := family(j.Occupation)
	for i := range p.Targets {
		t := &p.Targets[i]
		switch {
		case t.Code == j.Occupation && t.Level < best:
			best, via = t.Level, t.Via
		case fam != "" && best > FitFamily && family(t.Code) == fam:
			best, via = FitFamily, t.Code
		}
	}
	if best == fitNone || j.Occupation == "" {
		return 0, reject(why, ReasonNoOccupation, func() string { return "no target occupation in the family of " + j.Occupation })
	}
	return add(why, ReasonOccupation, w.Occupation[best], func() string {
		return fmt.Sprintf("%s: %s via %s", j.Occupation, fitNames[best], via)
	}), true
}

var fitNames = [...]string{"preferred", "primary specialty match", "certificate", "secondary specialty match", "same occupation family"}

func (w *Weights) regionPoints(p *Profile, j *Posting, why *[]Reason) (float64, bool) {
	prox := proximity(p.Region, j.Region)
	pts := 0.0
	if prox >= w.Reach {
		pts = w.Region[prox]
	}
	for _, pref := range p.PreferredRegions {
		if within(pref, j.Region) && w.PreferredRegion > pts {
			return add(why, ReasonRegion, w.PreferredRegion, func() string {
				return fmt.Sprintf("%s in preferred region %s", j.Region, pref)
			}), true
		}
	}
	if prox < w.Reach {
		return 0, reject(why, ReasonOutOfReach, func() string {
			return fmt.Sprintf("%s is %s of home %s and in no preferred region", j.Region, prox, p.Region)
		})
	}
	return add(why, ReasonRegion, pts, func() string {
		return fmt.Sprintf("%s: %s as home %s", j.Region, prox, p.Region)
	}), true
}

// withinLimits checks the stated age and education limits and the
// physical demand; unknown facts pass (they earn fewer points instead).
func (w *Weights) withinLimits(p *Profile, j *Posting, why *[]Reason) bool {
	switch {
	case p.Age >= 0 && j.MinAge >= 0 && p.Age < j.MinAge, p.Age >= 0 && j.MaxAge >= 0 && p.Age > j.MaxAge:
		return reject(why, ReasonAgeLimit, func() string { return fmt.Sprintf("age %d outside %s", p.Age, ageRange(j)) })
	case p.Education >= 0 && p.Education < j.MinEducation:
		return reject(why, ReasonEducationLimit, func() string {
			return fmt.Sprintf("education %s below %s", educationOrder[p.Education], educationOrder[j.MinEducation])
		})
	case p.MaxDemand != DemandUnknown && j.Demand > p.MaxDemand:
		return reject(why, ReasonPhysicalDemand, func() string {
			return fmt.Sprintf("%s work, at most %s allowed (%s)", j.Demand, p.MaxDemand, p.DemandLimit)
		})
	}
	return true
}

func ageRange(j *Posting) string {
	lo, hi := "", ""
	if j.MinAge >= 0 {
		lo = fmt.Sprint(j.MinAge)
	}
	if j.MaxAge >= 0 {
		hi = fmt.Sprint(j.MaxAge)
	}
	return lo + "–" + hi
}

func (w *Weights) certificatePoints(p *Profile, j *Posting, why *[]Reason) (float64, bool) {
	if len(j.RequiredSkills) == 0 {
		return add(why, ReasonCertificates, w.Certificates, func() string { return "none required" }), true
	}
	if p.Certificates == nil {
		return add(why, ReasonCertificates, w.CertificatesUnknown, func() string {
			return "requires " + strings.Join(j.RequiredSkills, ", ") + "; the person's certificates are unknown"
		}), true
	}
	for _, req := range j.RequiredSkills {
		if !containsSorted(p.Certificates, req) {
			return 0, reject(why, ReasonMissingCert, func() string { return "requires " + req })
		}
	}
	return add(why, ReasonCertificates, w.Certificates, func() string {
		return "holds " + strings.Join(j.RequiredSkills, ", ")
	}), true
}

// containsSorted is a linear search: certificate lists are short.
func containsSorted(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

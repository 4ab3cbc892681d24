package jobs

import (
	"fmt"
	"slices"

	"github.com/vethub/vethub/feed"
)

// Soldier is a discharged soldier in a placement batch.
type Soldier struct {
	ID                        int64
	BirthDate                 feed.Date
	EnlistDate, DischargeDate feed.Date
	Merits                    []Merit  // awards (feed merit values)
	Commendations             []string // MILITARY_COMMISSION, ARMY_WIDE
	Honors                    []string // e.g. BAYI_MEDAL: see the rule's chooseFirst
	DisabilityGrade           int      // 1–10, 0 none
	DisabilityCause           string   // COMBAT, DUTY, ILLNESS
	HardshipMonths            map[int]int
	Punishments               []string // keys of the rule's deductions
	Choices                   []string // post ids, most wanted first
}

// Merit is one award; wartime awards count more.
type Merit struct {
	Kind    string // COMMENDATION, THIRD_CLASS, SECOND_CLASS, FIRST_CLASS, HONORARY_TITLE
	Wartime bool
}

// ScoreItem is one line of a soldier's score.
type ScoreItem struct {
	Item   string // e.g. "service 8.5 years", "THIRD_CLASS (peacetime)"
	Points float64
}

// SoldierScore is a soldier's placement score under one rule version.
type SoldierScore struct {
	Version       string
	Total         float64
	Items         []ScoreItem
	ChooseFirst   bool // holds an honour that chooses before any score
	ServiceMonths int
}

// Score computes a soldier's score with the version in force on the
// discharge date. Unknown merits, causes and punishments add nothing.
func (r *PlacementRule) Score(s *Soldier) SoldierScore {
	v := r.version(s.DischargeDate)
	pts := &v.points
	out := SoldierScore{Version: v.ID, ServiceMonths: monthsBetween(s.EnlistDate, s.DischargeDate)}
	addItem := func(item string, p float64) {
		if p != 0 {
			out.Items = append(out.Items, ScoreItem{item, p})
			out.Total += p
		}
	}
	years := pts.ServiceYears.countedYears(out.ServiceMonths)
	addItem(fmt.Sprintf("service %g years", years), pts.ServiceYears.points(years))
	for _, m := range s.Merits {
		era := "peacetime"
		if m.Wartime {
			era = "wartime"
		}
		addItem(m.Kind+" ("+era+")", pts.Merits[era][m.Kind])
		out.ChooseFirst = out.ChooseFirst || slices.Contains(pts.ChooseFirst, m.Kind)
	}
	for _, c := range s.Commendations {
		addItem("commendation "+c, pts.Commendations[c])
	}
	addItem(fmt.Sprintf("disability grade %d (%s)", s.DisabilityGrade, s.DisabilityCause), pts.Disability[s.DisabilityCause][s.DisabilityGrade])
	for _, class := range sortedKeys(s.HardshipMonths) {
		addItem(fmt.Sprintf("hardship post class %d, %d months", class, s.HardshipMonths[class]),
			pts.HardshipPerMon[class]*float64(s.HardshipMonths[class]))
	}
	for _, p := range s.Punishments {
		addItem("punishment "+p, pts.Deductions[p])
	}
	for _, h := range s.Honors {
		out.ChooseFirst = out.ChooseFirst || slices.Contains(pts.ChooseFirst, h)
	}
	return out
}

// countedYears: whole years, plus half a year for a remainder under
// HalfYearBelowMonths months and a full year for a longer one.
func (sy serviceYears) countedYears(months int) float64 {
	y, rem := float64(months/12), months%12
	switch {
	case rem == 0:
	case rem < sy.HalfYearBelowMonths:
		y += 0.5
	default:
		y++
	}
	return y
}

func (sy serviceYears) points(years float64) float64 {
	within := min(years, sy.UpToYears)
	return within*sy.PointsPerYear + (years-within)*sy.PointsPerYearBeyond
}

// monthsBetween counts whole months of service; 0 when a date is unknown.
func monthsBetween(from, to feed.Date) int {
	if from.IsZero() || to.IsZero() || to.Before(from.Time) {
		return 0
	}
	fy, fm, fd := from.Date()
	ty, tm, td := to.Date()
	m := (ty-fy)*12 + int(tm-fm)
	if td < fd {
		m--
	}
	return max(m, 0)
}

func sortedKeys(m map[int]int) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

package hardship

import (
	"math"

	"github.com/vethub/vethub/feed"
)

// The getters of facts that take more than one field.

func age(f *facts, _ int) value {
	if f.birth.IsZero() {
		return unknown()
	}
	return value{known: true, num: float64(feed.AgeOn(f.birth, f.today)), s: f.birth.String(), src: &f.birthSrc}
}

// disabilityGrade: the feed's 0 means unknown or none, never a grade.
func disabilityGrade(f *facts, _ int) value {
	if f.vet.DisabilityGrade == 0 {
		return unknown()
	}
	return numberOf(float64(f.vet.DisabilityGrade), &f.vetSrc)
}

// daysUnemployed counts from employmentSince, and only for the unemployed.
func daysUnemployed(f *facts, _ int) value {
	if f.vet.EmploymentStatus != "UNEMPLOYED" {
		return unknown()
	}
	return daysSince(f.vet.EmploymentSince, f.today, &f.vetSrc)
}

func householdSize(f *facts, _ int) value {
	if f.civ.HouseholdSize == 0 {
		return unknown()
	}
	return numberOf(float64(f.civ.HouseholdSize), &f.civSrc)
}

// householdAnnualIncome is per-capita monthly income × size × 12.
func householdAnnualIncome(f *facts, _ int) value {
	if f.civ.PerCapitaMonthlyIncome == nil || f.civ.HouseholdSize == 0 {
		return unknown()
	}
	return numberOf(*f.civ.PerCapitaMonthlyIncome*float64(f.civ.HouseholdSize)*12, &f.civSrc)
}

// outOfPocketShare is the share of the household's annual income spent out
// of pocket on medical care. With no income any spending is a burden; with
// neither the share says nothing.
func outOfPocketShare(f *facts, _ int) value {
	inc := householdAnnualIncome(f, 0)
	if f.hea.OutOfPocket == nil || !inc.known {
		return unknown()
	}
	oop := *f.hea.OutOfPocket
	switch {
	case inc.num > 0:
		return numberOf(oop/inc.num, &f.heaSrc)
	case oop > 0:
		return numberOf(math.Inf(1), &f.heaSrc)
	}
	return unknown()
}

func costYear(f *facts, _ int) value {
	if f.hea.CostYear == 0 {
		return unknown()
	}
	return numberOf(float64(f.hea.CostYear), &f.heaSrc)
}

func hospitalStays(f *facts, _ int) value {
	if f.hea.HospitalStays == nil {
		return unknown()
	}
	return numberOf(float64(*f.hea.HospitalStays), &f.heaSrc)
}

// assistanceCount counts payments in the window of days ending today
// (today − window < date ≤ today). Without a civil record it is unknown;
// a civil record without payments counts zero.
func assistanceCount(f *facts, window int) value {
	if f.civSrc.id == "" {
		return unknown()
	}
	from := f.today.AddDays(-window)
	n := 0
	for _, p := range f.payments {
		if p.date.After(from.Time) && !p.date.After(f.today.Time) {
			n++
		}
	}
	return numberOf(float64(n), &f.civSrc)
}

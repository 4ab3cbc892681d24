package jobs

import "fmt"

func (w *Weights) educationPoints(p *Profile, j *Posting, why *[]Reason) float64 {
	if p.Education < 0 && j.MinEducation >= 0 {
		return add(why, ReasonEducation, w.EducationUnknown, func() string {
			return "requires " + educationOrder[j.MinEducation] + "; the person's education is unknown"
		})
	}
	return add(why, ReasonEducation, w.Education, func() string {
		if j.MinEducation < 0 {
			return "none required"
		}
		return educationOrder[p.Education] + " meets " + educationOrder[j.MinEducation]
	})
}

func (w *Weights) agePoints(p *Profile, j *Posting, why *[]Reason) float64 {
	if p.Age < 0 && (j.MinAge >= 0 || j.MaxAge >= 0) {
		return add(why, ReasonAge, w.AgeUnknown, func() string {
			return "requires age " + ageRange(j) + "; the person's age is unknown"
		})
	}
	return add(why, ReasonAge, w.Age, func() string {
		if j.MinAge < 0 && j.MaxAge < 0 {
			return "no age limit"
		}
		return fmt.Sprintf("age %d within %s", p.Age, ageRange(j))
	})
}

// bonusPoints adds veteran preference and salary: they order postings the
// person qualifies for equally well.
func (w *Weights) bonusPoints(p *Profile, j *Posting, why *[]Reason) float64 {
	s := 0.0
	if j.VeteranPreferred && p.Veteran {
		s += add(why, ReasonVeteranPreferred, w.VeteranPreferred, func() string { return "the employer prefers veterans" })
	}
	if j.SalaryMax > 0 && w.SalaryFull > 0 {
		pts := w.Salary * min(j.SalaryMax, w.SalaryFull) / w.SalaryFull
		s += add(why, ReasonSalary, pts, func() string { return fmt.Sprintf("up to %.0f yuan a month", j.SalaryMax) })
	}
	return s
}

package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// jobPostingFromRow converts a job_postings row; region is resolved from
// RegionCode.
func jobPostingFromRow(p *db.JobPosting) *model.JobPosting {
	return &model.JobPosting{
		ID:               idString(p.ID),
		SourceID:         p.SourceID,
		SourceVersion:    int(p.SourceVersion),
		AsOf:             model.Date{Time: p.AsOf},
		Employer:         p.Employer,
		Title:            p.Title,
		OccupationCode:   p.OccupationCode,
		RequiredSkills:   stringList(p.RequiredSkills),
		MinEducation:     enumPtr[model.Education](p.MinEducation),
		MinAge:           p.MinAge,
		MaxAge:           p.MaxAge,
		PhysicalDemand:   enumPtr[model.PhysicalDemand](p.PhysicalDemand),
		RegionCode:       p.RegionCode,
		SalaryMin:        moneyOf(p.SalaryMin),
		SalaryMax:        moneyOf(p.SalaryMax),
		Openings:         p.Openings,
		VeteranPreferred: p.VeteranPreferred,
		ClosesOn:         datePtr(p.ClosesOn),
		CreatedAt:        p.CreatedAt,
		UpdatedAt:        p.UpdatedAt,
	}
}

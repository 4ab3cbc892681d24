package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
)

// veteranFromRow converts a VETERAN record, its keys decoded from Attrs.
func veteranFromRow(r *db.SourceRecord) (*model.VeteranRecord, error) {
	var a feed.Veteran
	if err := decodeAttrs(r, &a); err != nil {
		return nil, err
	}
	return &model.VeteranRecord{
		RecordBase:           recordBaseFromRow(r),
		ServiceBranch:        strOf(a.ServiceBranch),
		EnlistDate:           dateOf(a.EnlistDate),
		DischargeDate:        dateOf(a.DischargeDate),
		DischargeMode:        enumOf[model.DischargeMode](a.DischargeMode),
		Rank:                 strOf(a.Rank),
		MilitarySpecialty:    strOf(a.MilitarySpecialty),
		Merits:               enumList[model.Merit](a.Merits),
		DisabilityGrade:      intOf(a.DisabilityGrade),
		DisabilityCause:      enumOf[model.DisabilityCause](a.DisabilityCause),
		EntitledGroups:       enumList[model.EntitledGroup](a.EntitledGroups),
		PreferentialCard:     enumOf[model.PreferentialCard](a.PreferentialCard),
		PlacementStatus:      enumOf[model.PlacementStatus](a.PlacementStatus),
		EmploymentStatus:     enumOf[model.EmploymentStatus](a.EmploymentStatus),
		EmploymentSince:      dateOf(a.EmploymentSince),
		Skills:               stringList(a.Skills),
		Education:            enumOf[model.Education](a.Education),
		PreferredOccupations: stringList(a.PreferredOccupations),
		PreferredRegions:     stringList(a.PreferredRegions),
		MonthlyBenefit:       moneyOf(a.MonthlyBenefit),
	}, nil
}

package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
)

// healthFromRow converts a HEALTH record, its keys decoded from Attrs.
func healthFromRow(r *db.SourceRecord) (*model.HealthRecord, error) {
	var a feed.Health
	if err := decodeAttrs(r, &a); err != nil {
		return nil, err
	}
	return &model.HealthRecord{
		RecordBase:           recordBaseFromRow(r),
		ChronicConditions:    stringList(a.ChronicConditions),
		SeriousIllnesses:     stringList(a.SeriousIllnesses),
		FunctionalDisability: enumOf[model.FunctionalDisability](a.FunctionalDisability),
		Dementia:             a.Dementia,
		CostYear:             intOf(a.CostYear),
		MedicalCostTotal:     moneyOf(a.MedicalCostTotal),
		InsurancePaid:        moneyOf(a.InsurancePaid),
		OutOfPocket:          moneyOf(a.OutOfPocket),
		HospitalStays:        a.HospitalStays,
		FamilyDoctorContract: a.FamilyDoctorContract,
	}, nil
}

package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
)

// civilFromRow converts a CIVIL record, its keys decoded from Attrs.
func civilFromRow(r *db.SourceRecord) (*model.CivilRecord, error) {
	var a feed.Civil
	if err := decodeAttrs(r, &a); err != nil {
		return nil, err
	}
	return &model.CivilRecord{
		RecordBase:             recordBaseFromRow(r),
		HouseholdID:            strOf(a.HouseholdID),
		HouseholdSize:          intOf(a.HouseholdSize),
		PerCapitaMonthlyIncome: moneyOf(a.PerCapitaMonthlyIncome),
		DibaoStatus:            enumOf[model.DibaoStatus](a.DibaoStatus),
		DibaoMonthlyAmount:     moneyOf(a.DibaoMonthlyAmount),
		ExtremePoverty:         a.ExtremePoverty,
		NearDibao:              a.NearDibao,
		TemporaryAssistance:    temporaryAssistance(a.TemporaryAssistance),
		DisabilitySubsidy:      a.DisabilitySubsidy,
		LivingAlone:            a.LivingAlone,
		MaritalStatus:          enumOf[model.MaritalStatus](a.MaritalStatus),
	}, nil
}

func temporaryAssistance(in []feed.TemporaryAssistance) []model.TemporaryAssistance {
	out := make([]model.TemporaryAssistance, len(in))
	for i, t := range in {
		out[i] = model.TemporaryAssistance{Date: dateOf(t.Date), Amount: moneyOf(t.Amount), Reason: strOf(t.Reason)}
	}
	return out
}

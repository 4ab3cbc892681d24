package resolvers

import (
	"encoding/json"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
)

// sourceRecordFromRow converts a source_records row into the model of its
// department, decoding the department's keys from Attrs. It fails only for
// an unknown department or Attrs that are not the department's JSON.
func sourceRecordFromRow(r *db.SourceRecord) (model.SourceRecord, error) {
	switch r.Department {
	case string(feed.DepartmentVeteran):
		return veteranFromRow(r)
	case string(feed.DepartmentCivil):
		return civilFromRow(r)
	case string(feed.DepartmentHealth):
		return healthFromRow(r)
	}
	return nil, fmt.Errorf("record %d: unknown department %q", r.ID, r.Department)
}

// recordBaseFromRow converts the keys every department's record has.
func recordBaseFromRow(r *db.SourceRecord) model.RecordBase {
	b := model.RecordBase{
		ID:            idString(r.ID),
		Department:    model.Department(r.Department),
		SourceID:      r.SourceID,
		SourceVersion: r.SourceVersion,
		AsOf:          model.Date{Time: r.AsOf},
		Name:          r.Name,
		IDNumber:      r.IDNumber,
		IDNumberValid: r.IDValid && r.IDNumber != nil,
		Sex:           enumPtr[model.Sex](r.Sex),
		BirthDate:     datePtr(r.BirthDate),
		Phone:         r.Phone,
		Address:       r.Address,
		RegionCode:    r.RegionCode,
		LinkMethod:    r.LinkMethod,
		LinkedAt:      r.LinkedAt,
		CreatedAt:     r.CreatedAt,
		UpdatedAt:     r.UpdatedAt,
	}
	if r.PersonID != nil {
		b.PersonID = *r.PersonID
	}
	return b
}

// decodeAttrs reads a record's department keys; empty Attrs read as none.
func decodeAttrs(r *db.SourceRecord, into any) error {
	if len(r.Attrs) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.Attrs, into); err != nil {
		return fmt.Errorf("record %d attrs: %w", r.ID, err)
	}
	return nil
}

// linkedPersonID is a record's person id as a GraphQL ID, nil until linked.
func linkedPersonID(r *model.RecordBase) *string { return optID(r.PersonID) }

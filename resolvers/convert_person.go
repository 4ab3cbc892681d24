package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// personFromRow converts a persons row; the resolver-backed fields are
// loaded later from the ids it keeps.
func personFromRow(p *db.Person) *model.Person {
	out := &model.Person{
		ID:          idString(p.ID),
		Name:        p.Name,
		Sex:         enumPtr[model.Sex](p.Sex),
		BirthDate:   datePtr(p.BirthDate),
		IDNumber:    p.IDNumber,
		RegionCode:  p.RegionCode,
		Departments: enumList[model.Department](p.Departments),
		CreatedAt:   p.CreatedAt,
		UpdatedAt:   p.UpdatedAt,
		PersonID:    p.ID,
	}
	if p.MergedInto != nil {
		out.MergedIntoID = *p.MergedInto
	}
	return out
}

// personFilterFromModel checks and converts the persons filter.
func personFilterFromModel(f *model.PersonFilter) (db.PersonFilter, error) {
	if f == nil {
		return db.PersonFilter{}, nil
	}
	out := db.PersonFilter{Departments: make([]string, len(f.HasDepartments))}
	if f.RegionPrefix != nil {
		if !regionPrefixValid(*f.RegionPrefix) {
			return out, badInput("filter.regionPrefix", "want 1 to 12 digits of a region code, got %q", *f.RegionPrefix)
		}
		out.RegionPrefix = *f.RegionPrefix
	}
	if f.Name != nil {
		out.NamePrefix = *f.Name
	}
	for i, d := range f.HasDepartments {
		out.Departments[i] = string(d)
	}
	return out, nil
}

func regionPrefixValid(s string) bool {
	if len(s) > 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// personConnection converts a page of persons.
func personConnection(persons []db.Person, hasNext bool) *model.PersonConnection {
	conn := &model.PersonConnection{
		Edges:    make([]model.PersonEdge, len(persons)),
		PageInfo: &model.PageInfo{HasNextPage: hasNext},
	}
	for i := range persons {
		cursor := personCursorEncode(persons[i].ID)
		conn.Edges[i] = model.PersonEdge{Cursor: cursor, Node: personFromRow(&persons[i])}
		conn.PageInfo.EndCursor = &cursor
	}
	return conn
}

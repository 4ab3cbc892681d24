package feed

import "fmt"

// Newest is the newest record of each department a person has (veteran,
// civil, health; nil where none): the current facts rules and matching
// read.
type Newest struct{ Veteran, Civil, Health *Record }

// NewestRecords picks the newest record of each department, by asOf, then
// sourceVersion, then sourceId, so the choice never depends on the order
// records come in. It fails on a record of another department.
func NewestRecords(records []Record) (Newest, error) {
	var n Newest
	for i := range records {
		r := &records[i]
		slot := n.slot(r.Department)
		if slot == nil {
			return n, fmt.Errorf("record %q has unknown department %q", r.SourceID, r.Department)
		}
		if *slot == nil || newer(r, *slot) {
			*slot = r
		}
	}
	return n, nil
}

// All lists the three in department order, nil where none.
func (n Newest) All() [3]*Record { return [3]*Record{n.Veteran, n.Civil, n.Health} }

func (n *Newest) slot(d Department) **Record {
	switch d {
	case DepartmentVeteran:
		return &n.Veteran
	case DepartmentCivil:
		return &n.Civil
	case DepartmentHealth:
		return &n.Health
	}
	return nil
}

func newer(a, b *Record) bool {
	if c := a.AsOf.Compare(b.AsOf.Time); c != 0 {
		return c > 0
	}
	if a.SourceVersion != b.SourceVersion {
		return a.SourceVersion > b.SourceVersion
	}
	return a.SourceID > b.SourceID
}

// AgeOn is the age in whole years on day of someone born on birth.
func AgeOn(birth, day Date) int {
	by, bm, bd := birth.Date()
	y, m, d := day.Date()
	age := y - by
	if m < bm || m == bm && d < bd {
		age--
	}
	return age
}

package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/vethub/vethub/db"
)

// personGet reads the person with id (the survivor of a merged id) and
// primes the loaders with it. When the operation asks for the person's
// records, they come in the same statement, are primed too, and the ones
// the selection shows are converted here (see warmRecordModels).
func personGet(ctx context.Context, store *db.Store, l *db.Loaders, id int64) (db.Person, error) {
	sel := personRecordFields(ctx)
	if sel.none() {
		p, err := store.PersonGet(ctx, l.Scope(), id)
		if err == nil {
			l.PrimePersons(ctx, []db.Person{p})
		}
		return p, err
	}
	p, records, err := store.PersonGetWithRecords(ctx, l.Scope(), id)
	if err != nil {
		return p, err
	}
	l.PrimePersons(ctx, []db.Person{p})
	l.PrimeRecords(ctx, p.ID, records)
	warmRecordModels(ctx, records, sel)
	return p, nil
}

// recordFields says which fields of a person that read its records an
// operation selects: the latest record of some departments (veteran, civil,
// health), or all records.
type recordFields struct {
	latest map[string]bool // by department
	all    bool
}

func (f recordFields) none() bool { return len(f.latest) == 0 && !f.all }

// personType is what the executor collects a Person's fields for; asking
// with the same value shares its per-operation cache.
var personType = []string{"Person"}

// departmentOf names the department of the fields for a latest record.
var departmentOf = map[string]string{"veteran": "VETERAN", "civil": "CIVIL", "health": "HEALTH"}

// personRecordFields returns the fields of the current field's Person that
// read the person's records. It collects the fields as the executor will
// for the Person, which then finds them cached.
func personRecordFields(ctx context.Context) recordFields {
	var out recordFields
	fc := graphql.GetFieldContext(ctx)
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, personType) {
		if dept, ok := departmentOf[f.Name]; ok {
			if out.latest == nil {
				out.latest = make(map[string]bool, len(departmentOf))
			}
			out.latest[dept] = true
		}
		out.all = out.all || f.Name == "records"
	}
	return out
}

// warmRecordModels converts the records sel will show: all of them, or the
// latest of each selected department (records come latest first per
// department). Converting here, once, on the goroutine that read them is
// cheaper than in the field resolvers: gqlgen runs those on fresh
// goroutines, whose small stacks JSON decoding makes grow (copy) each time.
// A record that fails to convert is left for its field to report.
func warmRecordModels(ctx context.Context, records []db.SourceRecord, sel recordFields) {
	for i := range records {
		latest := i == 0 || records[i-1].Department != records[i].Department
		if sel.all || latest && sel.latest[records[i].Department] {
			recordModel(ctx, &records[i])
		}
	}
}

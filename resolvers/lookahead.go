package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/vethub/vethub/db"
)

// selected returns the names of the fields the operation selects below the
// current field along path (e.g. "edges", "node"), fragments included.
func selected(ctx context.Context, path ...string) map[string]bool {
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				next = append(next, graphql.CollectFields(op, f.Selections, nil)...)
			}
		}
		fields = next
	}
	out := make(map[string]bool, len(fields))
	for _, f := range fields {
		out[f.Name] = true
	}
	return out
}

// selectedField returns the first field named name the operation selects
// below the current field along path, and whether there is one.
func selectedField(ctx context.Context, name string, path ...string) (graphql.CollectedField, bool) {
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, step := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == step {
				next = append(next, graphql.CollectFields(op, f.Selections, nil)...)
			}
		}
		fields = next
	}
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return graphql.CollectedField{}, false
}

// selectsRecords reports whether fields of a person read its records.
func selectsRecords(fields map[string]bool) bool {
	return fields["veteran"] || fields["civil"] || fields["health"] || fields["records"]
}

// prefetchPersons loads in one query each what the page's persons are
// asked for, so a page of 100 costs what a page of 10 does.
func prefetchPersons(ctx context.Context, l *db.Loaders, persons []db.Person) error {
	l.PrimePersons(ctx, persons)
	fields := selected(ctx, "edges", "node")
	ids := make([]int64, len(persons))
	codes := make([]string, len(persons))
	for i, p := range persons {
		ids[i], codes[i] = p.ID, p.RegionCode
	}
	if selectsRecords(fields) || fields["linkEvidence"] {
		if err := l.PrefetchRecords(ctx, ids); err != nil {
			return err
		}
	}
	if fields["linkEvidence"] {
		if err := l.PrefetchEvidence(ctx, ids); err != nil {
			return err
		}
	}
	if fields["jobMatches"] {
		if err := prefetchJobMatches(ctx, ids); err != nil {
			return err
		}
	}
	if fields["region"] {
		return l.PrefetchRegions(ctx, codes)
	}
	return nil
}

// prefetchChanges loads the records and postings of a feed page in one
// query each, when they are asked for.
func prefetchChanges(ctx context.Context, l *db.Loaders, changes []db.Change) error {
	fields := selected(ctx, "edges", "node")
	var records, postings []int64
	for _, c := range changes {
		if c.Kind == "JOB" {
			postings = append(postings, c.RecordID)
		} else {
			records = append(records, c.RecordID)
		}
	}
	if fields["record"] && len(records) > 0 {
		if err := l.PrefetchRecordsByID(ctx, records); err != nil {
			return err
		}
	}
	if fields["posting"] && len(postings) > 0 {
		return l.PrefetchJobPostings(ctx, postings)
	}
	return nil
}

// prefetchCases loads in one query each what the page's cases are asked
// for: persons, flags, notes, actions, history.
func prefetchCases(ctx context.Context, l *db.Loaders, cases []db.Case) error {
	fields := selected(ctx, "edges", "node")
	caseIDs, personIDs := make([]int64, len(cases)), make([]int64, len(cases))
	for i, c := range cases {
		caseIDs[i], personIDs[i] = c.ID, c.PersonID
	}
	return l.PrefetchCases(ctx, caseIDs, personIDs, db.CasePrefetch{Persons: fields["person"], Flags: fields["flags"],
		Notes: fields["notes"], Actions: fields["actions"], Events: fields["history"]})
}

package resolvers

import (
	"context"
	"errors"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// errNoLoaders means the server did not call Resolver.WithLoaders.
var errNoLoaders = errors.New("request context has no dataloaders")

// personLoad returns the person with id through the loader, nil when there
// is none in scope.
func personLoad(ctx context.Context, id int64) (*model.Person, error) {
	if id == 0 {
		return nil, nil
	}
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	p, err := l.PersonByID(ctx, id)
	if err != nil || p == nil {
		return nil, err
	}
	return personFromRow(p), nil
}

// latestRecord returns the person's newest record of department, nil when
// there is none in scope. All records of a page's persons come from one
// query, shared by the veteran, civil, health and records fields.
func latestRecord(ctx context.Context, personID int64, department string) (*db.SourceRecord, error) {
	records, err := personRecords(ctx, personID)
	if err != nil {
		return nil, err
	}
	// The loader orders each department's records latest first.
	for i := range records {
		if records[i].Department == department {
			return &records[i], nil
		}
	}
	return nil, nil
}

func personRecords(ctx context.Context, personID int64) ([]db.SourceRecord, error) {
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	return l.RecordsByPersonID(ctx, personID)
}

// regionLoad returns the region with exactly code, nil when unknown.
func regionLoad(ctx context.Context, code string) (*model.Region, error) {
	if code == "" {
		return nil, nil
	}
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	r, err := l.RegionByCode(ctx, code)
	return regionFromRow(r), err
}

// regionContaining returns the most specific known region of code (a
// village code resolves to its township or county), nil when none.
func regionContaining(ctx context.Context, code string) (*model.Region, error) {
	if code == "" {
		return nil, nil
	}
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	r, err := l.RegionContaining(ctx, code)
	return regionFromRow(r), err
}

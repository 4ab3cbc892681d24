package db

import (
	"context"
)

// Batching by time window alone splits a large page into several batches
// when the resolvers of its nodes do not all reach the loader within the
// window (a busy machine, a page of 100). A list resolver that knows what
// its nodes will ask for prefetches it here instead: one query, primed into
// the loaders, so a page costs the same number of queries at any size.

// PrefetchRecords loads the records of all the persons at once and primes
// RecordsByPersonID, persons without records included.
func (l *Loaders) PrefetchRecords(ctx context.Context, personIDs []int64) error {
	rows, err := l.store.RecordsByPersonIDs(ctx, l.scope, personIDs)
	if err != nil {
		return err
	}
	grouped := groupedInKeyOrder(personIDs, rows, nil, func(r *SourceRecord) int64 { return *r.PersonID })
	for i, id := range personIDs {
		l.recordsLoader().Prime(ctx, id, grouped[i].Data)
	}
	return nil
}

// PrefetchEvidence loads the link evidence of the persons' records at once
// and primes EvidenceByPersonID.
func (l *Loaders) PrefetchEvidence(ctx context.Context, personIDs []int64) error {
	rows, err := l.store.EvidenceByPersonIDs(ctx, l.scope, personIDs)
	if err != nil {
		return err
	}
	grouped := groupedInKeyOrder(personIDs, rows, nil, func(e *RecordEvidence) int64 { return e.PersonID })
	for i, id := range personIDs {
		l.evidenceLoader().Prime(ctx, id, grouped[i].Data)
	}
	return nil
}

// PrefetchRegions makes sure the in-memory regions are loaded, so the
// page's RegionByCode and RegionContaining cost no query: the first read of
// a pool loads the whole table, later ones nothing. codes is kept for the
// callers that prefetch per page.
func (l *Loaders) PrefetchRegions(ctx context.Context, codes []string) error {
	_, err := l.regions.table(ctx, l.store)
	return err
}

// PrefetchRecordsByID loads the records at once and primes RecordByID.
func (l *Loaders) PrefetchRecordsByID(ctx context.Context, ids []int64) error {
	rows, err := l.store.RecordsByIDs(ctx, l.scope, ids)
	if err != nil {
		return err
	}
	for i, r := range inKeyOrder(ids, rows, nil, func(r *SourceRecord) int64 { return r.ID }) {
		l.recordByIDLoader().Prime(ctx, ids[i], r.Data)
	}
	return nil
}

// PrefetchJobPostings loads the postings at once and primes JobPostingByID.
func (l *Loaders) PrefetchJobPostings(ctx context.Context, ids []int64) error {
	rows, err := l.store.JobPostingsByIDs(ctx, l.scope, ids)
	if err != nil {
		return err
	}
	for i, r := range inKeyOrder(ids, rows, nil, func(p *JobPosting) int64 { return p.ID }) {
		l.postingLoader().Prime(ctx, ids[i], r.Data)
	}
	return nil
}

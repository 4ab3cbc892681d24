package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/stats"
)

// StatsPersonInputs reads what the figures count of each person: their
// region, whether they were merged away, their records and their cases
// with the cases' actions. Persons that do not exist come back merged
// (they add nothing).
func StatsPersonInputs(ctx context.Context, tx pgx.Tx, personIDs []int64) (map[int64]*stats.PersonInput, error) {
	out := make(map[int64]*stats.PersonInput, len(personIDs))
	for _, id := range personIDs {
		out[id] = &stats.PersonInput{Merged: true}
	}
	rows, _ := tx.Query(ctx, `SELECT id, region_code, merged_into IS NOT NULL FROM persons WHERE id = ANY($1)`, personIDs)
	var id int64
	var region string
	var merged bool
	_, err := pgx.ForEachRow(rows, []any{&id, &region, &merged}, func() error {
		out[id].Region, out[id].Merged = region, merged
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats persons: %w", err)
	}
	records, err := RecordsOfPersons(ctx, tx, personIDs)
	if err != nil {
		return nil, err
	}
	for _, pr := range records {
		out[pr.PersonID].Records = pr.Records
	}
	return out, statsCases(ctx, tx, personIDs, out)
}

// statsCases adds the persons' cases and their actions to the inputs.
func statsCases(ctx context.Context, tx pgx.Tx, personIDs []int64, into map[int64]*stats.PersonInput) error {
	rows, _ := tx.Query(ctx, `SELECT c.id, c.person_id, c.region_code, c.category, c.priority, c.status,
			c.opened_at, c.closed_at, a.kind, a.created_at, a.done_on, a.amount::float8
		FROM cases c LEFT JOIN case_actions a ON a.case_id = c.id
		WHERE c.person_id = ANY($1) ORDER BY c.id, a.id`, personIDs)
	var caseID, personID, lastCase int64
	var c stats.CaseInput
	var closed, actionAt, doneOn *time.Time
	var kind *string
	var amount *float64
	_, err := pgx.ForEachRow(rows, []any{&caseID, &personID, &c.Region, &c.Category, &c.Priority, &c.Status,
		&c.OpenedAt, &closed, &kind, &actionAt, &doneOn, &amount}, func() error {
		p := into[personID]
		if caseID != lastCase { // one row per action: the case's first row starts it
			c.ClosedAt, c.Actions, lastCase = deref(closed), nil, caseID
			p.Cases = append(p.Cases, c)
		}
		if kind != nil {
			last := &p.Cases[len(p.Cases)-1]
			last.Actions = append(last.Actions, stats.ActionInput{Kind: *kind, CreatedAt: deref(actionAt),
				DoneOn: deref(doneOn), Amount: amount})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stats cases: %w", err)
	}
	return nil
}

// StatsPostingFacts reads the postings' facts; a posting that is gone has
// none.
func StatsPostingFacts(ctx context.Context, tx pgx.Tx, ids []int64) (map[int64]stats.Facts, error) {
	out := make(map[int64]stats.Facts, len(ids))
	rows, _ := tx.Query(ctx, `SELECT id, region_code, as_of, coalesce(openings, 0), veteran_preferred
		FROM job_postings WHERE id = ANY($1)`, ids)
	var id int64
	var region string
	var asOf time.Time
	var openings int
	var preferred bool
	_, err := pgx.ForEachRow(rows, []any{&id, &region, &asOf, &openings, &preferred}, func() error {
		out[id] = stats.PostingFactsOf(region, asOf, openings, preferred)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats postings: %w", err)
	}
	return out, nil
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/matching"
)

// placeNew links the staged records that are new (nothing stored under
// their department and sourceId) before they are inserted, under the same
// exact-ID rule as LinksRefresh: the insert then writes each record once,
// with its person, instead of the follow-up job rewriting it. New persons
// are created with their identity summary from the staged rows. Updated
// records keep their link here; the follow-up job re-links them.
func placeNew(ctx context.Context, tx pgx.Tx) error {
	recs, err := stagedNew(ctx, tx)
	if err != nil || len(recs) == 0 {
		return err
	}
	keyed, err := personsByKey(ctx, tx, recs)
	if err != nil {
		return err
	}
	plan := matching.PlanExactLinks(recs, keyed)
	ids, err := personIDsReserve(ctx, tx, len(plan.NewPersons))
	if err != nil {
		return err
	}
	if err := stagePlace(ctx, tx, plan.Assignments, ids); err != nil {
		return err
	}
	return personsCreateFromStage(ctx, tx, ids)
}

// stagedNew reads the new staged records; ID stands for the staging ord.
func stagedNew(ctx context.Context, tx pgx.Tx) ([]matching.LinkRecord, error) {
	rows, err := tx.Query(ctx, `
		SELECT st.ord, coalesce(st.id_number, ''), st.id_valid AND st.id_number IS NOT NULL
		FROM stage_records st
		WHERE NOT EXISTS (SELECT 1 FROM source_records r WHERE r.department = st.department AND r.source_id = st.source_id)
		ORDER BY st.ord`)
	if err != nil {
		return nil, fmt.Errorf("staged new: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (matching.LinkRecord, error) {
		var r matching.LinkRecord
		return r, row.Scan(&r.ID, &r.IDNumber, &r.IDValid)
	})
}

// personIDsReserve draws n person ids from the persons sequence.
func personIDsReserve(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('persons', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	return ids, nil
}

// stagePlace writes the planned person and link method onto staged rows.
func stagePlace(ctx context.Context, tx pgx.Tx, as []matching.Assignment, newIDs []int64) error {
	ords := make([]int64, len(as))
	pids := make([]int64, len(as))
	methods := make([]string, len(as))
	fresh := make([]bool, len(as)) // the person is one of newIDs
	for i, a := range as {
		ords[i], pids[i], methods[i] = a.RecordID, resolvePerson(a.PersonID, newIDs), a.Method
		fresh[i] = a.PersonID < 0
	}
	_, err := tx.Exec(ctx, `
		UPDATE stage_records st SET person_id = u.pid, link_method = u.method, new_person = u.fresh
		FROM unnest($1::int[], $2::bigint[], $3::text[], $4::boolean[]) AS u(ord, pid, method, fresh)
		WHERE st.ord = u.ord`,
		ords, pids, methods, fresh)
	if err != nil {
		return fmt.Errorf("stage place: %w", err)
	}
	return nil
}

// personsCreateFromStage inserts the reserved persons with the summary of
// their staged records (best: a valid ID, then newest). A key that a
// concurrent transaction created first is not inserted; its staged rows are
// pointed at that person instead.
func personsCreateFromStage(ctx context.Context, tx pgx.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO persons (id, id_key, name, sex, birth_date, id_number, region_code, departments, record_count)
		OVERRIDING SYSTEM VALUE
		SELECT * FROM (
			SELECT DISTINCT ON (person_id) person_id,
			       CASE WHEN link_method = 'EXACT_ID' THEN id_number END AS id_key,
			       name, sex, birth_date, id_number, region_code, ARRAY[department],
			       count(*) OVER (PARTITION BY person_id)
			FROM stage_records WHERE new_person -- not person_id = ANY($1): quadratic on 10,000s
			ORDER BY person_id, id_valid DESC, as_of DESC, ord DESC
		) best
		ORDER BY id_key -- concurrent batches take key locks in one order: no deadlock
		ON CONFLICT (id_key) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("persons from stage: %w", err)
	}
	if tag.RowsAffected() == int64(len(ids)) {
		return nil // no key was taken by a concurrent transaction
	}
	_, err = tx.Exec(ctx, `
		UPDATE stage_records st SET person_id = p.id
		FROM persons p
		WHERE st.new_person AND st.link_method = 'EXACT_ID' AND p.id_key = st.id_number AND p.id <> st.person_id`)
	if err != nil {
		return fmt.Errorf("persons raced keys: %w", err)
	}
	return nil
}

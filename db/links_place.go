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
// with its person, instead of the follow-up job rewriting it. The new
// persons themselves are created after the insert (placedPersonsCreate).
// Updated records keep their link here; the follow-up job re-links them.
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
	return stagePlace(ctx, tx, plan.Assignments, ids)
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

// placedPersonsCreate inserts, after the records, the persons placeNew
// reserved for records that were inserted, with the summary of their staged
// records (best: a valid ID, then newest), in key order so concurrent
// batches take key locks in one order. Holding those locks only until the
// commit right after keeps batches that share ID numbers from queueing
// behind each other. A key a concurrent transaction created first is not
// inserted; this batch's records and changes are pointed at that person.
func placedPersonsCreate(ctx context.Context, tx pgx.Tx) error {
	var want, got int
	err := tx.QueryRow(ctx, `
		WITH best AS (
			SELECT DISTINCT ON (person_id) person_id,
			       CASE WHEN link_method = 'EXACT_ID' THEN id_number END AS id_key,
			       name, sex, birth_date, id_number, region_code, ARRAY[department] AS departments,
			       count(*) OVER (PARTITION BY person_id) AS n
			FROM stage_records st
			WHERE new_person AND EXISTS (SELECT 1 FROM source_records r WHERE r.person_id = st.person_id)
			ORDER BY person_id, id_valid DESC, as_of DESC, ord DESC
		), inserted AS (
			INSERT INTO persons (id, id_key, name, sex, birth_date, id_number, region_code, departments, record_count)
			OVERRIDING SYSTEM VALUE
			SELECT * FROM best ORDER BY id_key
			ON CONFLICT (id_key) DO NOTHING
			RETURNING 1
		)
		SELECT (SELECT count(*) FROM best), (SELECT count(*) FROM inserted)`).Scan(&want, &got)
	if err != nil {
		return fmt.Errorf("placed persons: %w", err)
	}
	if got == want {
		return nil
	}
	return racedKeysRepoint(ctx, tx)
}

// racedKeysRepoint moves this batch's records, and the changes it logged,
// from persons whose key a concurrent transaction created first to that
// transaction's person, and refreshes those persons' summaries (they existed
// before this batch, so the follow-up job is not told to).
func racedKeysRepoint(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `
		WITH moved AS (
			SELECT DISTINCT st.person_id AS lost, p.id AS won
			FROM stage_records st JOIN persons p ON p.id_key = st.id_number
			WHERE st.new_person AND st.link_method = 'EXACT_ID' AND p.id <> st.person_id
		), records AS (
			UPDATE source_records r SET person_id = m.won FROM moved m WHERE r.person_id = m.lost
		), logged AS (
			UPDATE changes c SET person_id = m.won FROM moved m
			WHERE c.txid = pg_current_xact_id() AND c.person_id = m.lost
		)
		SELECT DISTINCT won FROM moved`)
	if err != nil {
		return fmt.Errorf("persons raced keys: %w", err)
	}
	won, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("persons raced keys: %w", err)
	}
	return personsSummarize(ctx, tx, won)
}

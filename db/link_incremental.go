package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/matching"
)

// InLinkLock runs fn in a transaction holding the batch-linkage lock
// exclusively: no record is placed, moved or merged meanwhile, so the
// persons fn reads stay as read until it commits.
func (s *Store) InLinkLock(ctx context.Context, fn func(pgx.Tx) error) error {
	return s.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, linkAllLock); err != nil {
			return fmt.Errorf("linkage lock: %w", err)
		}
		return fn(tx)
	})
}

// PlacedRow is a record as incremental linkage weighs it: a LinkRow with
// how it was linked.
type PlacedRow struct {
	LinkRow
	Method string
}

// linkRowColumns read a LinkRow (r: source_records, p: its person).
const linkRowColumns = `r.id, coalesce(r.person_id, 0), r.department, r.name, coalesce(r.id_number, ''), r.id_valid,
	r.id_legacy, coalesce(r.sex, ''),
	coalesce(to_char(r.birth_date, 'YYYY-MM-DD'), ''), coalesce(r.phone, ''), r.region_code,
	coalesce(r.address, ''), coalesce(p.id_key, '')`

func scanLinkRow(row pgx.Row, l *LinkRow, more ...any) error {
	return row.Scan(append([]any{&l.RecordID, &l.PersonID, &l.Department, &l.Name, &l.IDNumber, &l.IDValid,
		&l.IDLegacy, &l.Sex, &l.Birth, &l.Phone, &l.Region, &l.Address, &l.PersonKey}, more...)...)
}

// LinkRowsOfPersons reads every record of the persons that hold the given
// records, in id order. Each person's records are looked up through the
// person index (LATERAL; OFFSET 0 keeps the planner from flattening it
// into a join that, guessing persons large, scans the whole table).
func LinkRowsOfPersons(ctx context.Context, tx pgx.Tx, recordIDs []int64) ([]PlacedRow, error) {
	rows, _ := tx.Query(ctx, `SELECT `+linkRowColumns+`, coalesce(r.link_method, '')
		FROM (SELECT DISTINCT person_id FROM source_records WHERE id = ANY($1)) q
		LEFT JOIN persons p ON p.id = q.person_id
		CROSS JOIN LATERAL (SELECT * FROM source_records WHERE person_id = q.person_id OFFSET 0) r
		ORDER BY r.id`, recordIDs)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (PlacedRow, error) {
		var r PlacedRow
		err := scanLinkRow(row, &r.LinkRow, &r.Method)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("records of persons: %w", err)
	}
	return out, nil
}

// LinkDecisionsAmong returns the decided pairs whose two records are both
// among ids: same to keep together, different to keep apart.
func LinkDecisionsAmong(ctx context.Context, tx pgx.Tx, ids []int64) (same, different [][2]int64, err error) {
	rows, err := tx.Query(ctx, `SELECT record_a, record_b, status FROM link_reviews
		WHERE status <> 'OPEN' AND record_a = ANY($1) AND record_b = ANY($1) ORDER BY id`, ids)
	return scanDecisions(rows, err)
}

// IncrementalPlan is an incremental linkage's outcome to store.
type IncrementalPlan struct {
	Rows   []PlacedRow // every record weighed, with its current person
	Person []int64     // per row: its person now (below 0: the n-th new person, -1 first)
	Method []string    // per row: its link method now
	New    int
	// Evidence per record id whose evidence changes: JSON, or nil for none.
	Evidence map[int64][]byte
	Reviews  []ReviewPair // uncertain pairs to add to the open reviews
}

// LinkIncrementalApply stores an incremental linkage in tx (which holds
// the batch-linkage lock: InLinkLock): new persons, moved records with
// their LINK changes, persons left empty pointing to their survivor, ID
// keys following the records that carry them, evidence, new reviews and
// the summaries of every person touched.
func LinkIncrementalApply(ctx context.Context, tx pgx.Tx, plan IncrementalPlan) (LinkResult, error) {
	ids, _, err := idsReserve(ctx, tx, "persons", plan.New)
	if err != nil {
		return LinkResult{}, err
	}
	if err := personsInsertBare(ctx, tx, ids); err != nil {
		return LinkResult{}, err
	}
	recs, as := incrementalAssignments(plan)
	moved, err := linksApply(ctx, tx, recs, as, ids)
	if err != nil {
		return LinkResult{}, err
	}
	res := LinkResult{Records: len(plan.Rows), Relinked: len(moved), PersonsNew: plan.New}
	if res.Retired, err = personsRetireEmpty(ctx, tx, moved); err != nil {
		return res, err
	}
	res.Touched = touchedPersons(recs, as, ids, nil)
	if err := personsRekey(ctx, tx, res.Touched); err != nil {
		return res, err
	}
	if err := evidenceReplace(ctx, tx, plan.Evidence); err != nil {
		return res, err
	}
	if err := linkReviewsAdd(ctx, tx, plan.Reviews); err != nil {
		return res, err
	}
	return res, personsSummarize(ctx, tx, res.Touched)
}

// incrementalAssignments lists the rows whose person or method changes.
func incrementalAssignments(plan IncrementalPlan) ([]matching.LinkRecord, []matching.Assignment) {
	var recs []matching.LinkRecord
	var as []matching.Assignment
	for i, r := range plan.Rows {
		if plan.Person[i] == r.PersonID && plan.Method[i] == r.Method {
			continue
		}
		recs = append(recs, matching.LinkRecord{ID: r.RecordID, PersonID: r.PersonID})
		as = append(as, matching.Assignment{RecordID: r.RecordID, PersonID: plan.Person[i], Method: plan.Method[i]})
	}
	return recs, as
}

// personsRekey keeps ID keys with the records that carry them: a person
// no longer holding a valid record with its key gives the key up, and a
// person without a key takes the smallest valid ID number among its
// records that no other person holds.
func personsRekey(ctx context.Context, tx pgx.Tx, personIDs []int64) error {
	if len(personIDs) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `
		UPDATE persons p SET id_key = NULL, updated_at = now()
		WHERE p.id = ANY($1) AND p.id_key IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM source_records r WHERE r.person_id = p.id AND r.id_valid AND r.id_number = p.id_key)`,
		personIDs); err != nil {
		return fmt.Errorf("persons rekey: %w", err)
	}
	_, err := tx.Exec(ctx, `
		WITH wanted AS (
			SELECT DISTINCT ON (r.person_id) r.person_id, r.id_number AS key
			FROM source_records r JOIN persons p ON p.id = r.person_id
			WHERE r.person_id = ANY($1) AND p.id_key IS NULL AND r.id_valid AND r.id_number IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM persons q WHERE q.id_key = r.id_number)
			ORDER BY r.person_id, r.id_number
		), unique_wanted AS (
			SELECT person_id, key FROM wanted
			WHERE key IN (SELECT key FROM wanted GROUP BY key HAVING count(*) = 1)
		)
		UPDATE persons p SET id_key = u.key, updated_at = now() FROM unique_wanted u WHERE p.id = u.person_id`,
		personIDs)
	if err != nil {
		return fmt.Errorf("persons rekey: %w", err)
	}
	return nil
}

// evidenceReplace writes each record's evidence, deleting it where nil.
func evidenceReplace(ctx context.Context, tx pgx.Tx, evidence map[int64][]byte) error {
	var put, drop []int64
	var docs []string
	for id, e := range evidence {
		if e == nil {
			drop = append(drop, id)
			continue
		}
		put, docs = append(put, id), append(docs, string(e))
	}
	if _, err := tx.Exec(ctx, `DELETE FROM link_evidence WHERE record_id = ANY($1)`, drop); err != nil {
		return fmt.Errorf("link evidence: %w", err)
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO link_evidence (record_id, evidence)
		SELECT * FROM unnest($1::bigint[], $2::json[]) ORDER BY 1
		ON CONFLICT (record_id) DO UPDATE SET evidence = EXCLUDED.evidence`, put, docs)
	if err != nil {
		return fmt.Errorf("link evidence: %w", err)
	}
	return nil
}

// linkReviewsAdd adds open reviews; a pair reviewed before keeps its row
// (and its decision).
func linkReviewsAdd(ctx context.Context, tx pgx.Tx, pairs []ReviewPair) error {
	if len(pairs) == 0 {
		return nil
	}
	a, b := make([]int64, len(pairs)), make([]int64, len(pairs))
	prob, ev := make([]float64, len(pairs)), make([]string, len(pairs))
	for i, p := range pairs {
		a[i], b[i] = min(p.RecordA, p.RecordB), max(p.RecordA, p.RecordB)
		prob[i], ev[i] = p.Probability, string(p.Evidence)
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO link_reviews (record_a, record_b, probability, evidence)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::json[]) ORDER BY 1, 2
		ON CONFLICT (record_a, record_b) DO NOTHING`, a, b, prob, ev)
	if err != nil {
		return fmt.Errorf("link reviews: %w", err)
	}
	return nil
}

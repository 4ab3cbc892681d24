package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/matching"
)

// LinkResult counts what a re-link changed.
type LinkResult struct {
	Records    int     // records examined
	Relinked   int     // records whose person changed (or that got a first one)
	PersonsNew int     // persons created
	Retired    int     // persons left without records, now pointing to a survivor
	Touched    []int64 // persons whose records changed, for follow-up evaluation
}

// LinksRefresh re-links the given records under exact-ID linkage in one
// transaction: records sharing a valid ID number share a person, any other
// record has its own. A record linked since its last change (placed at
// insert) keeps its person: under this rule only the record itself can make
// its link wrong. The summaries of personIDs, and of every person a record
// left or joined, are refreshed. It writes LINK changes, retires persons left empty
// (merged_into their records' new person) and recomputes the identity
// summary of every person it touched. Safe to run again: a second run
// changes nothing.
func (s *Store) LinksRefresh(ctx context.Context, recordIDs, personIDs []int64) (LinkResult, error) {
	var res LinkResult
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		res, err = linksRefreshTx(ctx, tx, recordIDs, personIDs)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("links refresh: %w", err)
	}
	return res, nil
}

func linksRefreshTx(ctx context.Context, tx pgx.Tx, recordIDs, personIDs []int64) (LinkResult, error) {
	if err := linkShared(ctx, tx); err != nil {
		return LinkResult{}, err
	}
	recs, err := linkRecordsLock(ctx, tx, recordIDs)
	if err != nil {
		return LinkResult{}, err
	}
	keyed, err := personsByKey(ctx, tx, recs)
	if err != nil {
		return LinkResult{}, err
	}
	plan := matching.PlanExactLinks(recs, keyed)
	ids, err := personsCreate(ctx, tx, plan)
	if err != nil {
		return LinkResult{}, err
	}
	if err := personsPromote(ctx, tx, plan.Promotions); err != nil {
		return LinkResult{}, err
	}
	res := LinkResult{Records: len(recs), PersonsNew: len(plan.NewPersons)}
	moved, err := linksApply(ctx, tx, recs, plan.Assignments, ids)
	if err != nil {
		return res, err
	}
	res.Relinked = len(moved)
	if res.Retired, err = personsRetireEmpty(ctx, tx, moved); err != nil {
		return res, err
	}
	res.Touched = touchedPersons(recs, plan.Assignments, ids, personIDs)
	return res, personsSummarize(ctx, tx, res.Touched)
}

// linkStale is true for a record whose version moved on since its link
// was decided (versions, unlike clocks, cannot race with the job's lock).
const linkStale = `(r.linked_version IS DISTINCT FROM r.source_version)`

// linkRecordsLock reads those of the records changed since they were last
// linked, with their current person's key state, locking them in id order
// so concurrent re-links cannot interleave.
func linkRecordsLock(ctx context.Context, tx pgx.Tx, ids []int64) ([]matching.LinkRecord, error) {
	rows, err := tx.Query(ctx, `
		SELECT r.id, coalesce(r.id_number, ''), r.id_valid AND r.id_number IS NOT NULL,
		       coalesce(r.person_id, 0), coalesce(p.id_key IS NOT NULL, false), coalesce(r.link_method = 'PROBABILISTIC', false),
		       coalesce(r.link_method = 'MANUAL', false)
		FROM source_records r LEFT JOIN persons p ON p.id = r.person_id
		WHERE r.id = ANY($1) AND `+linkStale+` ORDER BY r.id FOR UPDATE OF r`, ids)
	if err != nil {
		return nil, fmt.Errorf("lock records: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (matching.LinkRecord, error) {
		var r matching.LinkRecord
		err := row.Scan(&r.ID, &r.IDNumber, &r.IDValid, &r.PersonID, &r.PersonKeyed, &r.Probable, &r.Manual)
		return r, err
	})
}

func personsByKey(ctx context.Context, tx pgx.Tx, recs []matching.LinkRecord) (map[string]int64, error) {
	var keys []string
	for _, r := range recs {
		if r.IDValid {
			keys = append(keys, r.IDNumber)
		}
	}
	keyed := make(map[string]int64, len(keys))
	if len(keys) == 0 {
		return keyed, nil
	}
	rows, err := tx.Query(ctx, `SELECT id_key, id FROM persons WHERE id_key = ANY($1)`, keys)
	if err != nil {
		return nil, fmt.Errorf("persons by key: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		keyed[k] = id
	}
	return keyed, rows.Err()
}

// personsCreate inserts the plan's new persons and returns their ids in plan
// order. Ids are drawn first so the mapping does not rely on RETURNING order;
// a key created meanwhile by a concurrent re-link is looked up instead.
func personsCreate(ctx context.Context, tx pgx.Tx, plan matching.LinkPlan) ([]int64, error) {
	n := len(plan.NewPersons)
	if n == 0 {
		return nil, nil
	}
	ids, _, err := idsReserve(ctx, tx, "persons", n)
	if err != nil {
		return nil, err
	}
	keys := make([]*string, n)
	for i, p := range plan.NewPersons {
		if p.Key != "" {
			keys[i] = &plan.NewPersons[i].Key
		}
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO persons (id, id_key) OVERRIDING SYSTEM VALUE
		SELECT * FROM unnest($1::bigint[], $2::text[]) AS u(id, key)
		ORDER BY key -- one lock order for concurrent re-links
		ON CONFLICT (id_key) DO NOTHING`, ids, keys); err != nil {
		return nil, fmt.Errorf("persons insert: %w", err)
	}
	return resolveRacedKeys(ctx, tx, ids, keys)
}

// resolveRacedKeys replaces the ids of keyed persons that were not inserted
// (a concurrent transaction created the key first) with the winner's id.
func resolveRacedKeys(ctx context.Context, tx pgx.Tx, ids []int64, keys []*string) ([]int64, error) {
	rows, err := tx.Query(ctx, `
		SELECT k.n, p.id FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS k(id, key, n)
		JOIN persons p ON p.id_key = k.key WHERE p.id <> k.id`, ids, keys)
	if err != nil {
		return nil, fmt.Errorf("persons raced keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n, id int64
		if err := rows.Scan(&n, &id); err != nil {
			return nil, err
		}
		ids[n-1] = id
	}
	return ids, rows.Err()
}

func personsPromote(ctx context.Context, tx pgx.Tx, ps []matching.Promotion) error {
	if len(ps) == 0 {
		return nil
	}
	ids := make([]int64, len(ps))
	keys := make([]string, len(ps))
	for i, p := range ps {
		ids[i], keys[i] = p.PersonID, p.Key
	}
	_, err := tx.Exec(ctx, `
		UPDATE persons p SET id_key = u.key, updated_at = now()
		FROM unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE p.id = u.id`, ids, keys)
	if err != nil {
		return fmt.Errorf("persons promote: %w", translate(err))
	}
	return nil
}

// personMove is one record that changed person.
type personMove struct{ from, to int64 }

// linksApply writes the assignments that change something and logs a LINK
// change for each record whose person changed.
func linksApply(ctx context.Context, tx pgx.Tx, recs []matching.LinkRecord, as []matching.Assignment, newIDs []int64) ([]personMove, error) {
	var ids, pids, olds []int64
	var methods []string
	var moved []personMove
	for i, a := range as {
		pid := resolvePerson(a.PersonID, newIDs)
		if pid != recs[i].PersonID {
			moved = append(moved, personMove{from: recs[i].PersonID, to: pid})
		}
		ids, pids, olds = append(ids, a.RecordID), append(pids, pid), append(olds, recs[i].PersonID)
		methods = append(methods, a.Method)
	}
	_, err := tx.Exec(ctx, `
		WITH u AS (
			UPDATE source_records r SET person_id = u.pid, link_method = u.method, linked_at = now(),
				linked_version = r.source_version
			FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[]) AS u(id, pid, method, old)
			WHERE r.id = u.id AND (r.person_id IS DISTINCT FROM u.pid OR r.link_method IS DISTINCT FROM u.method
				OR `+linkStale+`)
			RETURNING r.id, r.department, r.source_id, r.person_id, nullif(u.old, 0) AS old_person
		)
		INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
		SELECT 'LINK', CASE WHEN old_person IS NULL THEN 'CREATED' ELSE 'UPDATED' END, department, source_id, id, person_id
		FROM u WHERE old_person IS DISTINCT FROM person_id`, ids, pids, methods, olds)
	if err != nil {
		return nil, fmt.Errorf("links apply: %w", err)
	}
	return moved, nil
}

func resolvePerson(pid int64, newIDs []int64) int64 {
	if pid < 0 {
		return newIDs[-pid-1]
	}
	return pid
}

// personsRetireEmpty points persons that lost their last record to where
// the record went, so their ids stay resolvable, frees their key and
// hands their active case on (casesFollowMerges).
func personsRetireEmpty(ctx context.Context, tx pgx.Tx, moved []personMove) (int, error) {
	var from, to []int64
	seen := map[int64]bool{}
	for _, m := range moved {
		if m.from != 0 && !seen[m.from] {
			seen[m.from] = true
			from, to = append(from, m.from), append(to, m.to)
		}
	}
	if len(from) == 0 {
		return 0, nil
	}
	tag, err := tx.Exec(ctx, `
		UPDATE persons p SET merged_into = u.survivor, id_key = NULL, record_count = 0, departments = '{}', updated_at = now()
		FROM unnest($1::bigint[], $2::bigint[]) AS u(id, survivor)
		WHERE p.id = u.id AND NOT EXISTS (SELECT 1 FROM source_records r WHERE r.person_id = p.id)`, from, to)
	if err != nil {
		return 0, fmt.Errorf("persons retire: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return 0, nil
	}
	return int(tag.RowsAffected()), casesFollowMerges(ctx, tx, from, to)
}

func touchedPersons(recs []matching.LinkRecord, as []matching.Assignment, newIDs, also []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	add := func(id int64) {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for i, a := range as {
		add(recs[i].PersonID)
		add(resolvePerson(a.PersonID, newIDs))
	}
	for _, id := range also {
		add(id)
	}
	return out
}

// personsSummarize recomputes the identity summary of persons from their
// records: the best record is one with a valid ID number, then VETERAN,
// CIVIL, HEALTH, then the newest. A summary that is already right is not
// rewritten. Each person is looked up through the person index (LATERAL),
// so the cost follows the number of persons, whatever the table's size or
// the freshness of its statistics.
func personsSummarize(ctx context.Context, tx pgx.Tx, personIDs []int64) error {
	if len(personIDs) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `
		WITH s AS (
			SELECT u.id, b.name, b.sex, b.birth_date, b.id_number, b.region_code, a.departments, a.n
			FROM unnest($1::bigint[]) AS u(id)
			CROSS JOIN LATERAL (
				SELECT name, sex, birth_date, id_number, region_code FROM source_records
				WHERE person_id = u.id
				ORDER BY id_valid DESC, array_position(ARRAY['VETERAN', 'CIVIL', 'HEALTH'], department),
				         as_of DESC, id DESC
				LIMIT 1) b
			CROSS JOIN LATERAL (
				SELECT array_agg(DISTINCT department ORDER BY department) AS departments, count(*)::int AS n
				FROM source_records WHERE person_id = u.id) a
		)
		UPDATE persons p SET name = s.name, sex = s.sex, birth_date = s.birth_date, id_number = s.id_number,
			region_code = s.region_code, departments = s.departments, record_count = s.n, updated_at = now()
		FROM s
		WHERE p.id = s.id
		  AND (p.name, p.sex, p.birth_date, p.id_number, p.region_code, p.departments, p.record_count)
		      IS DISTINCT FROM (s.name, s.sex, s.birth_date, s.id_number, s.region_code, s.departments, s.n)`, personIDs)
	if err != nil {
		return fmt.Errorf("persons summarize: %w", err)
	}
	return nil
}

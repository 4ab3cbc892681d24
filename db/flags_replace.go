package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// CaseFlaggedChannel is the PostgreSQL notification channel a new case is
// announced on, with the payload "<case id>:<region code>".
const CaseFlaggedChannel = "case_flagged"

// LockPersonsForFlags locks the persons' rows until tx ends, in id order
// (so two callers cannot deadlock), serialising evaluations of one person:
// an evaluation that locks before it reads their records cannot store
// flags older than another's. Row locks cost no room in PostgreSQL's lock
// table, whatever the number of persons, and NO KEY UPDATE does not hold
// back writes of their records (foreign-key checks take KEY SHARE).
func LockPersonsForFlags(ctx context.Context, tx pgx.Tx, personIDs []int64) error {
	_, err := tx.Exec(ctx, `SELECT 1 FROM persons WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, personIDs)
	if err != nil {
		return fmt.Errorf("lock persons: %w", err)
	}
	return nil
}

// personFlags is what FlagsReplace decides a person's case from.
type personFlags struct {
	personID    int64
	priority    string
	category    string
	fingerprint string
}

// FlagsReplace makes the stored flags of personIDs equal to flags (a person
// given no flags loses theirs) and keeps the cases in step, in tx: a person
// with flags and an active case (not CLOSED or DISMISSED) gets its priority
// and category updated from the strongest flag; a person whose latest
// case was closed or dismissed on the same flags (combined fingerprint)
// gets nothing, as an ended case returns only when the evidence changes;
// any other person with flags gets a new case, announced on
// CaseFlaggedChannel at commit. It returns the ids of the cases it opened
// and updated, ascending, for the caller to audit. Calling it again with the same flags changes nothing. A
// person losing all flags keeps its case: closing it is an analyst's call.
// It fails, storing nothing, on a flag of a person not in personIDs, an
// unknown priority, evidence that is not JSON or a rule given twice.
func FlagsReplace(ctx context.Context, tx pgx.Tx, personIDs []int64, flags []FlagRow) (CasesChanged, error) {
	sorted, err := flagsCheck(personIDs, flags)
	if err != nil {
		return CasesChanged{}, fmt.Errorf("flags replace: %w", err)
	}
	persons := slices.Compact(slices.Sorted(slices.Values(personIDs)))
	if len(persons) == 0 {
		return CasesChanged{}, nil
	}
	if err := LockPersonsForFlags(ctx, tx, persons); err != nil {
		return CasesChanged{}, fmt.Errorf("flags replace: %w", err)
	}
	if err := flagsStore(ctx, tx, persons, sorted); err != nil {
		return CasesChanged{}, fmt.Errorf("flags replace: %w", err)
	}
	changed, err := casesFollowFlags(ctx, tx, summarise(sorted))
	if err != nil {
		return changed, fmt.Errorf("flags replace: %w", err)
	}
	return changed, nil
}

// CasesChanged lists the cases a FlagsReplace opened and updated.
type CasesChanged struct{ Opened, Updated []int64 }

// summarise returns, per person with flags (ascending), the strongest
// flag's priority and category and the combined fingerprint. flags are
// sorted by person.
func summarise(flags []FlagRow) []personFlags {
	var out []personFlags
	for start := 0; start < len(flags); {
		end := start
		for end < len(flags) && flags[end].PersonID == flags[start].PersonID {
			end++
		}
		s := strongest(flags[start:end])
		out = append(out, personFlags{s.PersonID, s.Priority, s.Category, flagsFingerprint(flags[start:end])})
		start = end
	}
	return out
}

// casesFollowFlags updates the active cases of the flagged persons and
// opens cases for those without one, unless their latest case ended on
// the same flags.
func casesFollowFlags(ctx context.Context, tx pgx.Tx, flagged []personFlags) (CasesChanged, error) {
	var out CasesChanged
	if len(flagged) == 0 {
		return out, nil
	}
	var ids []int64
	var pri, cat, fp []string
	for _, p := range flagged {
		ids, pri, cat, fp = append(ids, p.personID), append(pri, p.priority), append(cat, p.category), append(fp, p.fingerprint)
	}
	batch := &pgx.Batch{}
	batch.Queue(casesUpdateFromFlags, ids, pri, cat)
	batch.Queue(casesOpenFromFlags, ids, pri, cat, fp)
	br := tx.SendBatch(ctx, batch)
	defer br.Close()
	rows, _ := br.Query()
	updated, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return out, fmt.Errorf("update cases: %w", err)
	}
	rows, _ = br.Query()
	opened, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return out, fmt.Errorf("open cases: %w", err)
	}
	slices.Sort(updated)
	return CasesChanged{Opened: opened, Updated: updated}, br.Close()
}

// casesUpdateFromFlags updates active cases whose priority, category or
// region differ from the flags and the person now, with a history event;
// it returns their ids.
const casesUpdateFromFlags = `WITH n AS (
		SELECT n.person_id, n.priority, n.category, p.region_code
		FROM unnest($1::bigint[], $2::text[], $3::text[]) AS n(person_id, priority, category)
		JOIN persons p ON p.id = n.person_id
	), updated AS (
		UPDATE cases c SET priority = n.priority, category = n.category, region_code = n.region_code,
			version = c.version + 1, updated_at = now()
		FROM n WHERE c.person_id = n.person_id AND c.status NOT IN ('CLOSED', 'DISMISSED')
			AND (c.priority, c.category, c.region_code) IS DISTINCT FROM (n.priority, n.category, n.region_code)
		RETURNING c.id, c.priority, c.category
	)
	INSERT INTO case_events (case_id, actor, kind, detail)
	SELECT id, 'system', 'FLAGS_CHANGED', 'priority ' || priority || ', category ' || category
	FROM updated ORDER BY id
	RETURNING case_id`

// casesOpenFromFlags opens a case for each flagged person without an
// active one whose latest ended case (if any) ended on other flags, records the opening and announces it; it returns the new ids.
const casesOpenFromFlags = `WITH n AS (
		SELECT n.person_id, n.priority, n.category, n.fingerprint, p.region_code
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS n(person_id, priority, category, fingerprint)
		JOIN persons p ON p.id = n.person_id
		WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = n.person_id
				AND c.status NOT IN ('CLOSED', 'DISMISSED'))
			AND (SELECT c.ended_fingerprint FROM cases c WHERE c.person_id = n.person_id
				AND c.status IN ('CLOSED', 'DISMISSED') ORDER BY c.id DESC LIMIT 1) IS DISTINCT FROM n.fingerprint
		ORDER BY n.person_id
	), opened AS (
		INSERT INTO cases (person_id, priority, category, region_code)
		SELECT person_id, priority, category, region_code FROM n
		RETURNING id, region_code, priority, category
	), events AS (
		INSERT INTO case_events (case_id, actor, kind, detail)
		SELECT id, 'system', 'OPENED', 'priority ' || priority || ', category ' || category FROM opened
	)
	SELECT id FROM opened, LATERAL (SELECT pg_notify('` + CaseFlaggedChannel + `', id || ':' || region_code)) AS notified
	ORDER BY id`

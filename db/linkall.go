package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// linkAllLock is the advisory lock batch linkage takes exclusively and
// every write that places records takes shared: a batch re-link never
// interleaves with a record being placed in a person it retires.
const linkAllLock int64 = 0x6c696e6b616c6c // "linkall"

// linkShared takes the batch-linkage lock shared, for a write placing
// records; it is held until the transaction ends.
func linkShared(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, linkAllLock); err != nil {
		return fmt.Errorf("linkage lock: %w", err)
	}
	return nil
}

// LinkRow is a record as batch linkage reads it.
type LinkRow struct {
	RecordID, PersonID                 int64
	Department, Name, IDNumber         string
	IDValid, IDLegacy                  bool // IDLegacy: sent as a 15-digit number
	Sex, Birth, Phone, Region, Address string
	PersonKey                          string // the current person's id_key
}

// LinkRowsAll reads every record for batch linkage, in id order.
func (s *Store) LinkRowsAll(ctx context.Context) ([]LinkRow, error) {
	rows, err := s.Pool.Query(ctx, `
		SELECT r.id, coalesce(r.person_id, 0), r.department, r.name, coalesce(r.id_number, ''), r.id_valid,
		       coalesce(length(r.raw->>'idNumber') = 15, false), coalesce(r.sex, ''),
		       coalesce(to_char(r.birth_date, 'YYYY-MM-DD'), ''), coalesce(r.phone, ''), r.region_code,
		       coalesce(r.address, ''), coalesce(p.id_key, '')
		FROM source_records r LEFT JOIN persons p ON p.id = r.person_id
		ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("link rows: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (LinkRow, error) {
		var l LinkRow
		err := row.Scan(&l.RecordID, &l.PersonID, &l.Department, &l.Name, &l.IDNumber, &l.IDValid, &l.IDLegacy,
			&l.Sex, &l.Birth, &l.Phone, &l.Region, &l.Address, &l.PersonKey)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("link rows: %w", err)
	}
	return out, nil
}

// LinkAllPlan is a batch linkage's outcome to store: per row (in the
// order LinkRowsAll returned them), its person (below 0: the n-th new
// person, -1 first), link method and the person's ID key ("" for none);
// and the current persons left without records, with their survivor.
type LinkAllPlan struct {
	Rows   []LinkRow
	Person []int64
	Method []string
	Key    []string
	// Evidence per row: JSON of why it is with its person; nil for none.
	Evidence [][]byte
	// Reviews replace the open link reviews.
	Reviews []ReviewPair
	New     int
	Retired map[int64]int64
}

// LinkAllStats counts what a batch linkage changed.
type LinkAllStats struct {
	Moved, Retired, Created int
	Took                    time.Duration
}

// LinkAllApply stores a batch linkage in one transaction, holding the
// batch-linkage lock so no record is placed meanwhile: new persons, keys,
// the moved records with their LINK changes, retired persons pointing to
// their survivors, and every affected person's summary.
func (s *Store) LinkAllApply(ctx context.Context, plan LinkAllPlan) (LinkAllStats, error) {
	start := time.Now()
	var st LinkAllStats
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, linkAllLock); err != nil {
			return err
		}
		ids, _, err := idsReserve(ctx, tx, "persons", plan.New)
		if err != nil {
			return err
		}
		person := resolveNew(plan.Person, ids)
		if err := personsInsertBare(ctx, tx, ids); err != nil {
			return err
		}
		if err := linkAllStage(ctx, tx, plan, person); err != nil {
			return err
		}
		if err := linkAllComplete(ctx, tx, len(plan.Rows)); err != nil {
			return err
		}
		if err := linkAllKeys(ctx, tx); err != nil {
			return err
		}
		st.Moved, err = linkAllMove(ctx, tx)
		if err != nil {
			return err
		}
		if st.Retired, err = linkAllRetire(ctx, tx, plan.Retired, ids); err != nil {
			return err
		}
		if err := linkReviewsReplace(ctx, tx, plan.Reviews); err != nil {
			return err
		}
		st.Created = plan.New
		return personsSummarize(ctx, tx, touched(plan.Rows, person))
	})
	if err != nil {
		return st, fmt.Errorf("link all: %w", err)
	}
	st.Took = time.Since(start)
	return st, nil
}

func resolveNew(person []int64, ids []int64) []int64 {
	out := make([]int64, len(person))
	for i, p := range person {
		out[i] = resolvePerson(p, ids)
	}
	return out
}

// touched lists the persons whose records change: those that gain a
// record and those that lose one. The others' summaries stay right.
func touched(rows []LinkRow, person []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	add := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for i, r := range rows {
		if person[i] != r.PersonID {
			add(person[i])
			add(r.PersonID)
		}
	}
	return out
}

func personsInsertBare(ctx context.Context, tx pgx.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO persons (id) OVERRIDING SYSTEM VALUE SELECT unnest($1::bigint[])`, ids)
	if err != nil {
		return fmt.Errorf("new persons: %w", err)
	}
	return nil
}

// linkAllStage copies the plan into a temporary table the next steps join.
func linkAllStage(ctx context.Context, tx pgx.Tx, plan LinkAllPlan, person []int64) error {
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE link_plan (record_id bigint PRIMARY KEY, person_id bigint, method text, key text,
		evidence json) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("link plan: %w", err)
	}
	src := pgx.CopyFromSlice(len(plan.Rows), func(i int) ([]any, error) {
		var evidence any
		if i < len(plan.Evidence) && plan.Evidence[i] != nil {
			evidence = plan.Evidence[i]
		}
		return []any{plan.Rows[i].RecordID, person[i], plan.Method[i], nullString(plan.Key[i]), evidence}, nil
	})
	columns := []string{"record_id", "person_id", "method", "key", "evidence"}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"link_plan"}, columns, src); err != nil {
		return fmt.Errorf("link plan: %w", err)
	}
	_, err := tx.Exec(ctx, `CREATE INDEX ON link_plan (person_id); ANALYZE link_plan`)
	return err
}

// ErrLinkAllStale means records arrived between reading them for a batch
// linkage and storing its result; the linkage must run again.
var ErrLinkAllStale = errors.New("records were written while linking; run the linkage again")

// linkAllComplete checks, under the exclusive lock, that the plan covers
// every record: one written while the linker ran would otherwise keep a
// person the plan may retire. Records are never deleted, so the same
// count means the same records.
func linkAllComplete(ctx context.Context, tx pgx.Tx, planned int) error {
	var stored int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM source_records`).Scan(&stored); err != nil {
		return fmt.Errorf("link plan: %w", err)
	}
	if stored != planned {
		return ErrLinkAllStale
	}
	return nil
}

// linkAllKeys gives each planned person its key: keys that change are
// cleared first, so a key moving between persons never exists twice.
func linkAllKeys(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
		WITH want AS (SELECT DISTINCT ON (person_id) person_id, key FROM link_plan ORDER BY person_id, key NULLS LAST)
		UPDATE persons p SET id_key = NULL FROM want w
		WHERE p.id = w.person_id AND p.id_key IS DISTINCT FROM w.key AND p.id_key IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("person keys: %w", err)
	}
	// Persons the plan leaves without records lose their key too (retiring
	// them comes later).
	_, err = tx.Exec(ctx, `UPDATE persons p SET id_key = NULL
		WHERE p.id_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM link_plan l WHERE l.person_id = p.id)`)
	if err != nil {
		return fmt.Errorf("person keys: %w", err)
	}
	_, err = tx.Exec(ctx, `
		WITH want AS (SELECT DISTINCT ON (person_id) person_id, key FROM link_plan WHERE key IS NOT NULL ORDER BY person_id, key)
		UPDATE persons p SET id_key = w.key, updated_at = now() FROM want w
		WHERE p.id = w.person_id AND p.id_key IS DISTINCT FROM w.key`)
	if err != nil {
		return fmt.Errorf("person keys: %w", translate(err))
	}
	return nil
}

// linkAllMove points records at their planned persons and logs a LINK
// change for each record that moved.
func linkAllMove(ctx context.Context, tx pgx.Tx) (int, error) {
	tag, err := tx.Exec(ctx, `
		WITH moved AS (
			UPDATE source_records r SET person_id = l.person_id, link_method = l.method, linked_at = now(),
				linked_version = r.source_version
			FROM link_plan l
			WHERE r.id = l.record_id AND (r.person_id IS DISTINCT FROM l.person_id OR r.link_method IS DISTINCT FROM l.method)
			RETURNING r.id, r.department, r.source_id, r.person_id
		)
		INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
		SELECT 'LINK', 'UPDATED', department, source_id, id, person_id FROM moved`)
	if err != nil {
		return 0, fmt.Errorf("move records: %w", err)
	}
	// The evidence follows the latest model even where the link stays.
	_, err = tx.Exec(ctx, `
		WITH gone AS (
			DELETE FROM link_evidence e USING link_plan l WHERE e.record_id = l.record_id AND l.evidence IS NULL
		)
		INSERT INTO link_evidence (record_id, evidence)
		SELECT record_id, evidence FROM link_plan WHERE evidence IS NOT NULL
		ON CONFLICT (record_id) DO UPDATE SET evidence = EXCLUDED.evidence
		WHERE link_evidence.evidence::text IS DISTINCT FROM EXCLUDED.evidence::text`)
	if err != nil {
		return 0, fmt.Errorf("link evidence: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// linkAllRetire points persons left without records at their survivors.
func linkAllRetire(ctx context.Context, tx pgx.Tx, retired map[int64]int64, newIDs []int64) (int, error) {
	moves := make([]personMove, 0, len(retired))
	for old, survivor := range retired {
		moves = append(moves, personMove{from: old, to: resolvePerson(survivor, newIDs)})
	}
	return personsRetireEmpty(ctx, tx, moves)
}

package db

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
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

// bulkMemory lets a statement over every record sort and hash in memory
// instead of temporary files (the connection default is sized for batches
// of 10,000).
const bulkMemory = `SET LOCAL work_mem = '256MB'`

// LinkRowsAll reads every record for batch linkage, in id order.
func (s *Store) LinkRowsAll(ctx context.Context) ([]LinkRow, error) {
	var out []LinkRow
	err := pgx.BeginTxFunc(ctx, s.Pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) (err error) {
		if _, err := tx.Exec(ctx, bulkMemory); err != nil {
			return err
		}
		out, err = linkRowsRead(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("link rows: %w", err)
	}
	return out, nil
}

// linkRowsRead decodes the rows' binary values itself, sized from the
// table's estimate and with one string per row for its texts: scanning a
// million rows field by field into a growing slice cost more than the
// query.
func linkRowsRead(ctx context.Context, tx pgx.Tx) ([]LinkRow, error) {
	var estimate float64
	if err := tx.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'source_records'::regclass`).Scan(&estimate); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `
		SELECT r.id, coalesce(r.person_id, 0), r.id_valid, r.id_legacy, r.department, r.name, coalesce(r.id_number, ''),
		       coalesce(r.sex, ''), coalesce(to_char(r.birth_date, 'YYYY-MM-DD'), ''), coalesce(r.phone, ''),
		       r.region_code, coalesce(r.address, ''), coalesce(p.id_key, '')
		FROM source_records r LEFT JOIN persons p ON p.id = r.person_id
		ORDER BY r.id`, pgx.QueryResultFormats{pgx.BinaryFormatCode})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]LinkRow, 0, int(max(estimate, 0)*1.05)+16)
	var buf []byte
	for rows.Next() {
		var l LinkRow
		if buf, err = decodeLinkRow(rows.RawValues(), buf, &l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// decodeLinkRow fills l from a row's binary values (two int8, two bool,
// then the texts), its texts sharing one allocation; buf is scratch.
func decodeLinkRow(v [][]byte, buf []byte, l *LinkRow) ([]byte, error) {
	if len(v) != 13 || len(v[0]) != 8 || len(v[1]) != 8 || len(v[2]) != 1 || len(v[3]) != 1 {
		return buf, errors.New("unexpected row shape")
	}
	l.RecordID, l.PersonID = int64(binary.BigEndian.Uint64(v[0])), int64(binary.BigEndian.Uint64(v[1]))
	l.IDValid, l.IDLegacy = v[2][0] == 1, v[3][0] == 1
	buf = buf[:0]
	for _, t := range v[4:] {
		buf = append(buf, t...)
	}
	all := string(buf)
	texts := [...]*string{&l.Department, &l.Name, &l.IDNumber, &l.Sex, &l.Birth, &l.Phone, &l.Region, &l.Address, &l.PersonKey}
	for i, t := range v[4:] {
		*texts[i], all = all[:len(t)], all[len(t):]
	}
	return buf, nil
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
// the moved records with their LINK changes, evidence, retired persons
// pointing to their survivors, reviews, and every affected person's
// summary. It reads what is stored under the lock and writes only what
// differs, so a run that changes little writes little.
func (s *Store) LinkAllApply(ctx context.Context, plan LinkAllPlan) (LinkAllStats, error) {
	start := time.Now()
	sums := evidenceSums(plan.Evidence) // hashed while the reads below run
	var st LinkAllStats
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, linkAllLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, bulkMemory); err != nil {
			return err
		}
		current, err := linksCurrent(ctx, tx, plan.Rows)
		if err != nil {
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
		if err := linkAllKeys(ctx, tx, person, plan.Key); err != nil {
			return err
		}
		moved := movedRows(current, person, plan.Method)
		if err := linkAllMove(ctx, tx, plan.Rows, person, plan.Method, moved); err != nil {
			return err
		}
		if err := evidenceSync(ctx, tx, plan.Rows, plan.Evidence, sums()); err != nil {
			return err
		}
		if st.Retired, err = linkAllRetire(ctx, tx, plan.Retired, ids); err != nil {
			return err
		}
		if err := linkReviewsReplace(ctx, tx, plan.Reviews); err != nil {
			return err
		}
		st.Moved, st.Created = len(moved), plan.New
		if err := StatsMarkPersons(ctx, tx, movedPersons(current, person, moved)); err != nil {
			return err
		}
		return personsSummarize(ctx, tx, touched(current, person, moved))
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

// ErrLinkAllStale means records arrived between reading them for a batch
// linkage and storing its result; the linkage must run again.
var ErrLinkAllStale = errors.New("records were written while linking; run the linkage again")

// storedLink is a record's person and link method as stored.
type storedLink struct {
	person int64
	method string
}

// linksCurrent reads every record's link under the lock, per plan row
// (rows are in id order). A record the plan lacks was written while the
// linker ran and would keep a person the plan may retire: the plan is
// stale. Records are never deleted, so the same count means the same
// records.
func linksCurrent(ctx context.Context, tx pgx.Tx, planned []LinkRow) ([]storedLink, error) {
	rows, err := tx.Query(ctx, `SELECT id, coalesce(person_id, 0), coalesce(link_method, '') FROM source_records`)
	if err != nil {
		return nil, fmt.Errorf("stored links: %w", err)
	}
	defer rows.Close()
	out := make([]storedLink, len(planned))
	n := 0
	for rows.Next() {
		var id int64
		var l storedLink
		if err := rows.Scan(&id, &l.person, &l.method); err != nil {
			return nil, fmt.Errorf("stored links: %w", err)
		}
		i, ok := rowOf(planned, id)
		if !ok {
			return nil, ErrLinkAllStale
		}
		out[i] = l
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stored links: %w", err)
	}
	if n != len(planned) {
		return nil, ErrLinkAllStale
	}
	return out, nil
}

// rowOf finds record id among rows (in id order).
func rowOf(rows []LinkRow, id int64) (int, bool) {
	return slices.BinarySearchFunc(rows, id, func(r LinkRow, id int64) int {
		switch {
		case r.RecordID < id:
			return -1
		case r.RecordID > id:
			return 1
		}
		return 0
	})
}

// movedRows are the rows whose person or link method changes.
func movedRows(current []storedLink, person []int64, method []string) []int {
	var out []int
	for i, c := range current {
		if c.person != person[i] || c.method != method[i] {
			out = append(out, i)
		}
	}
	return out
}

// movedPersons lists every person a record leaves or joins, retired
// ones included: the persons whose statistics change.
func movedPersons(current []storedLink, person []int64, moved []int) []int64 {
	var out []int64
	for _, i := range moved {
		for _, id := range [2]int64{person[i], current[i].person} {
			if id != 0 {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// touched lists the persons whose records change and who keep some: those
// that gain a record and those that lose one but not all. The others'
// summaries stay right (a person left without records is retired).
func touched(current []storedLink, person []int64, moved []int) []int64 {
	planned := make(map[int64]bool, len(person)/2)
	for _, p := range person {
		planned[p] = true
	}
	seen := map[int64]bool{}
	var out []int64
	for _, i := range moved {
		for _, id := range [2]int64{person[i], current[i].person} {
			if id != 0 && planned[id] && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// linkAllKeys gives each planned person its key and takes keys from the
// others, writing only the keys that change: those that go are cleared
// first, so a key moving between persons never exists twice.
func linkAllKeys(ctx context.Context, tx pgx.Tx, person []int64, key []string) error {
	stored, err := personKeys(ctx, tx)
	if err != nil {
		return err
	}
	want := map[int64]string{}
	for i, p := range person {
		if k := key[i]; k != "" && (want[p] == "" || k < want[p]) {
			want[p] = k
		}
	}
	var cleared []int64
	for p, k := range stored {
		if want[p] != k {
			cleared = append(cleared, p)
		}
	}
	var set []int64
	for p, k := range want {
		if stored[p] != k {
			set = append(set, p)
		}
	}
	slices.Sort(cleared)
	slices.Sort(set)
	keys := make([]string, len(set))
	for i, p := range set {
		keys[i] = want[p]
	}
	if _, err := tx.Exec(ctx, `UPDATE persons SET id_key = NULL WHERE id = ANY($1)`, cleared); err != nil {
		return fmt.Errorf("person keys: %w", err)
	}
	_, err = tx.Exec(ctx, `UPDATE persons p SET id_key = u.key, updated_at = now()
		FROM unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE p.id = u.id`, set, keys)
	if err != nil {
		return fmt.Errorf("person keys: %w", translate(err))
	}
	return nil
}

// personKeys reads every person's ID key.
func personKeys(ctx context.Context, tx pgx.Tx) (map[int64]string, error) {
	rows, err := tx.Query(ctx, `SELECT id, id_key FROM persons WHERE id_key IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("person keys: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, fmt.Errorf("person keys: %w", err)
		}
		out[id] = key
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("person keys: %w", err)
	}
	return out, nil
}

// linkAllMove points the moved rows' records at their planned persons and
// logs a LINK change for each, in record order.
func linkAllMove(ctx context.Context, tx pgx.Tx, rows []LinkRow, person []int64, method []string, moved []int) error {
	if len(moved) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE link_moves (record_id bigint, person_id bigint, method text)
		ON COMMIT DROP`); err != nil {
		return fmt.Errorf("move records: %w", err)
	}
	src := pgx.CopyFromSlice(len(moved), func(k int) ([]any, error) {
		i := moved[k]
		return []any{rows[i].RecordID, person[i], method[i]}, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"link_moves"}, []string{"record_id", "person_id", "method"}, src); err != nil {
		return fmt.Errorf("move records: %w", err)
	}
	_, err := tx.Exec(ctx, `
		ANALYZE link_moves;
		WITH moved AS (
			UPDATE source_records r SET person_id = m.person_id, link_method = m.method, linked_at = now(),
				linked_version = r.source_version
			FROM link_moves m WHERE r.id = m.record_id
			RETURNING r.id, r.department, r.source_id, r.person_id
		)
		INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
		SELECT 'LINK', 'UPDATED', department, source_id, id, person_id FROM moved ORDER BY id`)
	if err != nil {
		return fmt.Errorf("move records: %w", err)
	}
	return nil
}

// linkAllRetire points persons left without records at their survivors.
func linkAllRetire(ctx context.Context, tx pgx.Tx, retired map[int64]int64, newIDs []int64) (int, error) {
	moves := make([]personMove, 0, len(retired))
	for old, survivor := range retired {
		moves = append(moves, personMove{from: old, to: resolvePerson(survivor, newIDs)})
	}
	return personsRetireEmpty(ctx, tx, moves)
}

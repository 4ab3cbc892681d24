package db

import (
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// RecordEvidence is the linker's reason a record is with its person: JSON
// of matching/fs.Evidence.
type RecordEvidence struct {
	PersonID, RecordID int64
	Evidence           json.RawMessage
}

// EvidenceByPersonIDs returns the evidence of the in-scope records of the
// given persons.
func (s *Store) EvidenceByPersonIDs(ctx context.Context, scope Scope, personIDs []int64) ([]RecordEvidence, error) {
	w := &where{}
	w.add("r.person_id = ANY(" + w.arg(personIDs) + ")")
	recordScope(w, scope) // its columns are the record's: link_evidence has none of them
	rows, _ := s.Pool.Query(ctx, `SELECT r.person_id, e.record_id, e.evidence
		FROM link_evidence e JOIN source_records r ON r.id = e.record_id `+w.sql(), w.args...)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (RecordEvidence, error) {
		var e RecordEvidence
		err := row.Scan(&e.PersonID, &e.RecordID, (*[]byte)(&e.Evidence))
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("link evidence: %w", err)
	}
	return out, nil
}

// evidenceSums hashes each document in the background, so the hashing
// overlaps the reads that come first; the returned function waits for it.
func evidenceSums(docs [][]byte) func() [][md5.Size]byte {
	done := make(chan [][md5.Size]byte, 1)
	go func() {
		out := make([][md5.Size]byte, len(docs))
		for i, d := range docs {
			if d != nil {
				out[i] = md5.Sum(d)
			}
		}
		done <- out
	}()
	return sync.OnceValue(func() [][md5.Size]byte { return <-done })
}

// evidenceSync makes link_evidence hold exactly docs (per row; nil for
// none), comparing digests with what is stored and writing only what
// differs: most of a batch linkage's evidence is what the last one wrote.
// A new document goes straight in with COPY; a changed one is staged and
// updated in one statement.
func evidenceSync(ctx context.Context, tx pgx.Tx, rows []LinkRow, docs [][]byte, sums [][md5.Size]byte) error {
	stored, has, err := evidenceStoredSums(ctx, tx, rows)
	if err != nil {
		return err
	}
	var drop []int64
	var fresh, changed []int
	for i, d := range docs {
		switch {
		case d == nil && has[i]:
			drop = append(drop, rows[i].RecordID)
		case d != nil && !has[i]:
			fresh = append(fresh, i)
		case d != nil && sums[i] != stored[i]:
			changed = append(changed, i)
		}
	}
	if len(drop) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM link_evidence WHERE record_id = ANY($1)`, drop); err != nil {
			return fmt.Errorf("link evidence: %w", err)
		}
	}
	if err := evidenceCopy(ctx, tx, "link_evidence", rows, docs, fresh); err != nil {
		return err
	}
	return evidenceUpdate(ctx, tx, rows, docs, changed)
}

// evidenceStoredSums reads the digest of every stored document, per row.
func evidenceStoredSums(ctx context.Context, tx pgx.Tx, rows []LinkRow) ([][md5.Size]byte, []bool, error) {
	res, err := tx.Query(ctx, `SELECT record_id, decode(md5(evidence::text), 'hex') FROM link_evidence`)
	if err != nil {
		return nil, nil, fmt.Errorf("stored evidence: %w", err)
	}
	defer res.Close()
	sums, has := make([][md5.Size]byte, len(rows)), make([]bool, len(rows))
	for res.Next() {
		var id int64
		var sum []byte
		if err := res.Scan(&id, &sum); err != nil {
			return nil, nil, fmt.Errorf("stored evidence: %w", err)
		}
		if i, ok := rowOf(rows, id); ok {
			copy(sums[i][:], sum)
			has[i] = true
		}
	}
	if err := res.Err(); err != nil {
		return nil, nil, fmt.Errorf("stored evidence: %w", err)
	}
	return sums, has, nil
}

// evidenceCopy writes the documents of rows at idx into table.
func evidenceCopy(ctx context.Context, tx pgx.Tx, table string, rows []LinkRow, docs [][]byte, idx []int) error {
	src := pgx.CopyFromSlice(len(idx), func(k int) ([]any, error) {
		i := idx[k]
		return []any{rows[i].RecordID, docs[i]}, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, []string{"record_id", "evidence"}, src); err != nil {
		return fmt.Errorf("link evidence: %w", err)
	}
	return nil
}

// evidenceUpdate replaces the stored documents of rows at idx.
func evidenceUpdate(ctx context.Context, tx pgx.Tx, rows []LinkRow, docs [][]byte, idx []int) error {
	if len(idx) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE evidence_changed (record_id bigint, evidence json) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("link evidence: %w", err)
	}
	if err := evidenceCopy(ctx, tx, "evidence_changed", rows, docs, idx); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `ANALYZE evidence_changed;
		UPDATE link_evidence e SET evidence = c.evidence FROM evidence_changed c WHERE e.record_id = c.record_id`)
	if err != nil {
		return fmt.Errorf("link evidence: %w", err)
	}
	return nil
}

package db

import (
	"context"
	"encoding/json"
	"fmt"

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

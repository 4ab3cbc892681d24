package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AuditFilter selects log rows; zero fields set no condition.
type AuditFilter struct {
	PersonID int64
	Actor    string
	From, To time.Time // at ≥ From and at < To
	First    int       // page size: 50 when 0, at most 500
	After    int64     // id cursor, exclusive
}

// AuditList returns the rows matching f in id order (across chains,
// roughly the order they were appended in).
func (s *Store) AuditList(ctx context.Context, f AuditFilter) ([]AuditRow, error) {
	var w where
	if f.PersonID != 0 {
		w.add("person_id = " + w.arg(f.PersonID))
	}
	if f.Actor != "" {
		w.add("actor = " + w.arg(f.Actor))
	}
	if !f.From.IsZero() {
		w.add("at >= " + w.arg(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < " + w.arg(f.To))
	}
	if f.After > 0 {
		w.add("id > " + w.arg(f.After))
	}
	first := min(f.First, 500)
	if first <= 0 {
		first = 50
	}
	rows, _ := s.Pool.Query(ctx, `SELECT `+auditColumns+` FROM audit_log `+w.sql()+
		` ORDER BY id LIMIT `+w.arg(first), w.args...)
	list, err := collectInPlace(rows, func(r pgx.CollectableRow, row *AuditRow) error {
		var prev []byte
		return scanAuditRow(r, row, &prev)
	})
	if err != nil {
		return nil, fmt.Errorf("audit list: %w", err)
	}
	return list, nil
}

// auditColumns reads NULL ids and department back as the zero values they
// were written from.
const auditColumns = `id, chain, seq, at, COALESCE(actor_token_id, 0), actor, role, action, COALESCE(person_id, 0),
	COALESCE(department, ''), fields, purpose, request_id, detail, hash, prev_hash`

func scanAuditRow(r pgx.Row, row *AuditRow, prev *[]byte) error {
	e := &row.AuditEntry
	return r.Scan(&row.ID, &row.Chain, &row.Seq, &row.At, &e.ActorTokenID, &e.Actor, &e.Role, &e.Action,
		&e.PersonID, &e.Department, &e.Fields, &e.Purpose, &e.RequestID, &e.Detail, &row.Hash, prev)
}

package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// CaseAssign assigns an active case to an analyst ("" unassigns it).
func (s *Store) CaseAssign(ctx context.Context, scope Scope, id int64, assignee string, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		if err := activeOnly(c); err != nil {
			return "", "", err
		}
		_, err := tx.Exec(ctx, `UPDATE cases SET assignee = NULLIF($2, '') WHERE id = $1`, id, assignee)
		return "ASSIGNED", "assigned to " + orNone(assignee), err
	})
}

// CaseDueDateSet sets the due date of an active case (nil clears it).
func (s *Store) CaseDueDateSet(ctx context.Context, scope Scope, id int64, due *time.Time, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		if err := activeOnly(c); err != nil {
			return "", "", err
		}
		_, err := tx.Exec(ctx, `UPDATE cases SET due_date = $2 WHERE id = $1`, id, due)
		detail := "due date cleared"
		if due != nil {
			detail = "due " + due.Format(time.DateOnly)
		}
		return "DUE_DATE", detail, err
	})
}

// CasesAssign assigns every case of ids to an analyst ("" unassigns them),
// without version checks: a supervisor's bulk decision. All or nothing: it
// fails with ErrNotFound if a case is not in scope and a *CaseStateError
// if one is closed or dismissed. audit is appended once per case.
func (s *Store) CasesAssign(ctx context.Context, scope Scope, ids []int64, assignee, by string, audit AuditEntry) ([]Case, error) {
	var out []Case
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		cases, err := casesLock(ctx, tx, scope, ids)
		if err != nil {
			return err
		}
		detail := "assigned to " + orNone(assignee)
		entries := make([]AuditEntry, len(cases))
		for i := range cases {
			if err := activeOnly(&cases[i]); err != nil {
				return err
			}
			entries[i] = caseAudit(audit, &cases[i], detail)
		}
		rows, _ := tx.Query(ctx, `WITH ev AS (INSERT INTO case_events (case_id, actor, kind, detail)
				SELECT id, $3, 'ASSIGNED', $4 FROM unnest($1::bigint[]) AS id)
			UPDATE cases c SET assignee = NULLIF($2, ''), version = version + 1, updated_at = now()
			WHERE id = ANY($1) RETURNING `+caseColumns, ids, assignee, by, detail)
		if out, err = pgx.CollectRows(rows, scanCase); err != nil {
			return err
		}
		return AuditAppend(ctx, tx, entries)
	})
	if err != nil {
		return nil, fmt.Errorf("cases assign: %w", err)
	}
	return out, nil
}

// casesLock locks the cases of ids in scope, in id order; ErrNotFound
// names the first that is not there.
func casesLock(ctx context.Context, tx pgx.Tx, scope Scope, ids []int64) ([]Case, error) {
	w := &where{}
	w.add("c.id = ANY(" + w.arg(ids) + ")")
	caseScope(w, scope)
	rows, _ := tx.Query(ctx, "SELECT "+caseColumns+" FROM cases c "+w.sql()+" ORDER BY c.id FOR UPDATE OF c", w.args...)
	cases, err := pgx.CollectRows(rows, scanCase)
	if err != nil {
		return nil, err
	}
	found := make(map[int64]bool, len(cases))
	for _, c := range cases {
		found[c.ID] = true
	}
	for _, id := range ids {
		if !found[id] {
			return nil, fmt.Errorf("case %d: %w", id, ErrNotFound)
		}
	}
	return cases, nil
}

func orNone(s string) string {
	if s == "" {
		return "nobody"
	}
	return s
}

package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Assistance action kinds (帮扶措施).
const (
	ActionTemporaryAssistance = "TEMPORARY_ASSISTANCE" // 临时救助
	ActionDibaoReferral       = "DIBAO_REFERRAL"       // 低保 referral
	ActionJobReferral         = "JOB_REFERRAL"
	ActionMedicalAid          = "MEDICAL_AID"
	ActionVisit               = "VISIT"
	ActionOther               = "OTHER"
)

// CaseNote is an analyst's note on a case.
type CaseNote struct {
	ID        int64
	CaseID    int64
	Body      string
	CreatedBy string
	CreatedAt time.Time
}

// CaseAction is an assistance action planned or done for a case.
type CaseAction struct {
	ID        int64
	CaseID    int64
	Kind      string
	Amount    *float64 // yuan
	PlannedOn *time.Time
	DoneOn    *time.Time
	Note      string
	CreatedBy string
	CreatedAt time.Time
	// JobSourceID is the posting a JOB_REFERRAL refers to; a done one
	// fills one of its openings.
	JobSourceID *string
}

// CaseEvent is one change in a case's history.
type CaseEvent struct {
	ID     int64
	CaseID int64
	At     time.Time
	Actor  string
	Kind   string // OPENED, FLAGS_CHANGED, STATUS, DISMISSED, ASSIGNED, DUE_DATE, NOTE, ACTION
	Detail string
}

// CaseNoteAdd adds a note to a case (closed and dismissed ones too).
func (s *Store) CaseNoteAdd(ctx context.Context, scope Scope, id int64, body string, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		var note int64
		err := tx.QueryRow(ctx, `INSERT INTO case_notes (case_id, body, created_by) VALUES ($1, $2, $3) RETURNING id`,
			id, body, e.By).Scan(&note)
		return "NOTE", fmt.Sprintf("note %d added", note), err
	})
}

// CaseActionAdd records an assistance action for an active case; a's ID,
// CaseID, CreatedBy and CreatedAt are set by the store.
func (s *Store) CaseActionAdd(ctx context.Context, scope Scope, id int64, a CaseAction, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		if err := activeOnly(c); err != nil {
			return "", "", err
		}
		var action int64
		err := tx.QueryRow(ctx, `INSERT INTO case_actions (case_id, kind, amount, planned_on, done_on, note, created_by, job_source_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			id, a.Kind, a.Amount, a.PlannedOn, a.DoneOn, a.Note, e.By, a.JobSourceID).Scan(&action)
		return "ACTION", fmt.Sprintf("action %d added: %s", action, a.Kind), err
	})
}

// CaseNotes returns the notes of the cases, by case, oldest first. Callers read the
// case in scope first.
func (s *Store) CaseNotes(ctx context.Context, caseIDs []int64) ([]CaseNote, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT id, case_id, body, created_by, created_at FROM case_notes
		WHERE case_id = ANY($1) ORDER BY case_id, id`, caseIDs)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CaseNote])
	if err != nil {
		return nil, fmt.Errorf("case notes: %w", err)
	}
	return out, nil
}

// CaseActions returns the assistance actions of the cases, by case,
// oldest first.
// Callers read the case in scope first.
func (s *Store) CaseActions(ctx context.Context, caseIDs []int64) ([]CaseAction, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT id, case_id, kind, amount::float8, planned_on, done_on, note, created_by,
		created_at, job_source_id FROM case_actions
		WHERE case_id = ANY($1) ORDER BY case_id, id`, caseIDs)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CaseAction])
	if err != nil {
		return nil, fmt.Errorf("case actions: %w", err)
	}
	return out, nil
}

// CaseEvents returns the history of the cases, by case, oldest first. Callers read
// the case in scope first.
func (s *Store) CaseEvents(ctx context.Context, caseIDs []int64) ([]CaseEvent, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT id, case_id, at, actor, kind, detail FROM case_events
		WHERE case_id = ANY($1) ORDER BY case_id, id`, caseIDs)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CaseEvent])
	if err != nil {
		return nil, fmt.Errorf("case events: %w", err)
	}
	return out, nil
}

package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// CaseEdit is who changes a case, and the version of it they read.
type CaseEdit struct {
	ExpectedVersion int        // the case's version when the editor read it
	By              string     // the editor's name, kept in the case's history
	Audit           AuditEntry // appended in the same transaction; PersonID and Detail are filled in
}

// CaseVersionError means the case changed since the editor read it: the
// edit was not applied. It wraps ErrConflict.
type CaseVersionError struct {
	ID                int64
	Expected, Current int
}

func (e *CaseVersionError) Error() string {
	return fmt.Sprintf("case %d is at version %d, not %d: another edit came first; read it again", e.ID, e.Current, e.Expected)
}

func (e *CaseVersionError) Unwrap() error { return ErrConflict }

// CaseStateError means the case's status does not allow the edit (an
// illegal transition, or a change to a closed or dismissed case).
type CaseStateError struct {
	ID      int64
	From    string
	To      string   // the status asked for, "" for other edits
	Allowed []string // the statuses the case may move to
}

func (e *CaseStateError) Error() string {
	if e.To == "" {
		return fmt.Sprintf("case %d is %s: it can no longer be changed", e.ID, e.From)
	}
	return fmt.Sprintf("case %d is %s: it cannot move to %s (allowed: %v)", e.ID, e.From, e.To, e.Allowed)
}

// caseNext is the state machine of analysts' transitions. DISMISSED is
// reached from any active status, only through CaseDismiss (it needs a
// reason); CLOSED and DISMISSED are final.
var caseNext = map[string][]string{
	CaseOpen:              {CaseInReview},
	CaseInReview:          {CaseAssistancePlanned},
	CaseAssistancePlanned: {CaseClosed},
}

// CaseNextStatuses lists the statuses a case of status may move to with
// CaseTransition.
func CaseNextStatuses(status string) []string { return slices.Clone(caseNext[status]) }

// caseChange applies one edit to a locked case and describes it for the
// history: kind (e.g. ASSIGNED) and detail.
type caseChange func(ctx context.Context, tx pgx.Tx, c *Case) (kind, detail string, err error)

// caseEdit runs change on the case id in scope, if it is still at the
// version the editor read: then it bumps the version, records the change in
// the case's history and appends the audit entry, all in one transaction.
func (s *Store) caseEdit(ctx context.Context, scope Scope, id int64, e CaseEdit, change caseChange) (Case, error) {
	var out Case
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		c, err := caseGet(ctx, tx, scope, id, "FOR UPDATE OF c")
		if err != nil {
			return err
		}
		if c.Version != e.ExpectedVersion {
			return &CaseVersionError{ID: id, Expected: e.ExpectedVersion, Current: c.Version}
		}
		kind, detail, err := change(ctx, tx, &c)
		if err != nil {
			return err
		}
		if out, err = caseBump(ctx, tx, id, e.By, kind, detail); err != nil {
			return err
		}
		return AuditAppend(ctx, tx, []AuditEntry{caseAudit(e.Audit, &c, detail)})
	})
	if err != nil {
		return Case{}, fmt.Errorf("case edit %d: %w", id, err)
	}
	return out, nil
}

// caseBump counts a change of case id and records it in its history.
func caseBump(ctx context.Context, tx pgx.Tx, id int64, by, kind, detail string) (Case, error) {
	rows, _ := tx.Query(ctx, `WITH ev AS (INSERT INTO case_events (case_id, actor, kind, detail) VALUES ($1, $2, $3, $4))
		UPDATE cases c SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING `+caseColumns,
		id, by, kind, detail)
	c, err := pgx.CollectExactlyOneRow(rows, scanCase)
	if err != nil {
		return c, fmt.Errorf("bump: %w", err)
	}
	return c, nil
}

func caseAudit(e AuditEntry, c *Case, detail string) AuditEntry {
	e.Action = AuditWrite
	e.PersonID = c.PersonID
	e.Detail = fmt.Sprintf("case %d: %s", c.ID, detail)
	return e
}

// activeOnly refuses a change to a closed or dismissed case.
func activeOnly(c *Case) error {
	if !c.Active() {
		return &CaseStateError{ID: c.ID, From: c.Status}
	}
	return nil
}

// CaseTransition moves a case to status along the state machine (OPEN →
// IN_REVIEW → ASSISTANCE_PLANNED → CLOSED). It fails with a
// *CaseStateError for any other move (dismissing is CaseDismiss), with a
// *CaseVersionError when the case changed since read, ErrNotFound out of
// scope.
func (s *Store) CaseTransition(ctx context.Context, scope Scope, id int64, status string, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		if !slices.Contains(caseNext[c.Status], status) {
			return "", "", &CaseStateError{ID: id, From: c.Status, To: status, Allowed: CaseNextStatuses(c.Status)}
		}
		fingerprint, err := currentFingerprint(ctx, tx, c.PersonID)
		if err != nil {
			return "", "", err
		}
		_, err = tx.Exec(ctx, `UPDATE cases SET status = $2,
			closed_at = CASE WHEN $2 = 'CLOSED' THEN now() END,
			ended_fingerprint = CASE WHEN $2 = 'CLOSED' THEN $3 END WHERE id = $1`, id, status, fingerprint)
		return "STATUS", c.Status + " → " + status, err
	})
}

// currentFingerprint combines the person's current flags' fingerprints:
// what a case that ends now ended on.
func currentFingerprint(ctx context.Context, tx pgx.Tx, personID int64) (string, error) {
	flags, err := flagsOf(ctx, tx, personID)
	if err != nil {
		return "", err
	}
	rows := make([]FlagRow, len(flags))
	for i := range flags {
		rows[i] = flags[i].FlagRow
	}
	return flagsFingerprint(rows), nil
}

// CaseDismiss dismisses an active case with a reason, remembering the
// person's current flags (their combined fingerprint): FlagsReplace opens
// no new case for the person until the flags change. Closing remembers
// them likewise (CaseTransition).
func (s *Store) CaseDismiss(ctx context.Context, scope Scope, id int64, reason string, e CaseEdit) (Case, error) {
	return s.caseEdit(ctx, scope, id, e, func(ctx context.Context, tx pgx.Tx, c *Case) (string, string, error) {
		if !c.Active() {
			return "", "", &CaseStateError{ID: id, From: c.Status, To: CaseDismissed}
		}
		fingerprint, err := currentFingerprint(ctx, tx, c.PersonID)
		if err != nil {
			return "", "", err
		}
		_, err = tx.Exec(ctx, `UPDATE cases SET status = 'DISMISSED', dismissed_reason = $2,
			ended_fingerprint = $3, closed_at = now() WHERE id = $1`, id, reason, fingerprint)
		return "DISMISSED", c.Status + " → DISMISSED: " + reason, err
	})
}

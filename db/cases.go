package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Case statuses. OPEN, IN_REVIEW and ASSISTANCE_PLANNED are active: a
// person has at most one active case.
const (
	CaseOpen              = "OPEN"
	CaseInReview          = "IN_REVIEW"
	CaseAssistancePlanned = "ASSISTANCE_PLANNED"
	CaseClosed            = "CLOSED"
	CaseDismissed         = "DISMISSED"
)

// Case is an analyst's work on one person's hardship flags.
type Case struct {
	ID              int64
	PersonID        int64
	Status          string
	Priority        string // of the strongest flag
	Category        string // of the strongest flag
	RegionCode      string // the person's, for scoping
	Assignee        *string
	DueDate         *time.Time
	DismissedReason *string
	Version         int // counts changes; an edit names the version it read
	OpenedAt        time.Time
	UpdatedAt       time.Time
	ClosedAt        *time.Time
}

// Active reports whether the case is still being worked on.
func (c *Case) Active() bool { return c.Status != CaseClosed && c.Status != CaseDismissed }

const caseColumns = `c.id, c.person_id, c.status, c.priority, c.category, c.region_code, c.assignee,
	c.due_date, c.dismissed_reason, c.version, c.opened_at, c.updated_at, c.closed_at`

func scanCase(row pgx.CollectableRow) (Case, error) {
	var c Case
	err := row.Scan(&c.ID, &c.PersonID, &c.Status, &c.Priority, &c.Category, &c.RegionCode, &c.Assignee,
		&c.DueDate, &c.DismissedReason, &c.Version, &c.OpenedAt, &c.UpdatedAt, &c.ClosedAt)
	return c, err
}

// caseScope keeps the cases a scope may read: in its regions; none for an
// aggregate (dashboard) or department (integrator) scope, which read no
// individual case.
func caseScope(w *where, scope Scope) {
	scope.individuals(w)
	if scope.Department != "" {
		w.add("false")
	}
	scope.regionIn(w, "c.region_code")
}

// CaseInScope reports whether a case of region may be read under scope,
// as caseScope decides in SQL: for filtering announcements in memory.
func CaseInScope(scope Scope, region string) bool {
	if scope.Aggregate || scope.Department != "" {
		return false
	}
	if len(scope.Regions) == 0 {
		return true
	}
	for _, prefix := range scope.Regions {
		if len(region) >= len(prefix) && region[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// CaseGet returns the case with id; ErrNotFound when there is none in
// scope.
func (s *Store) CaseGet(ctx context.Context, scope Scope, id int64) (Case, error) {
	c, err := caseGet(ctx, s.Pool, scope, id, "")
	if err != nil {
		return c, fmt.Errorf("case get %d: %w", id, err)
	}
	return c, nil
}

// caseGet reads a case in scope; lock is "" or a locking clause.
func caseGet(ctx context.Context, q DBTX, scope Scope, id int64, lock string) (Case, error) {
	w := &where{}
	w.add("c.id = " + w.arg(id))
	caseScope(w, scope)
	rows, _ := q.Query(ctx, "SELECT "+caseColumns+" FROM cases c "+w.sql()+" "+lock, w.args...)
	c, err := pgx.CollectExactlyOneRow(rows, scanCase)
	return c, translate(err)
}

// CasePersons returns the person of each case, in ids order.
func CasePersons(ctx context.Context, q DBTX, ids []int64) ([]int64, error) {
	rows, _ := q.Query(ctx, `SELECT c.person_id FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, n)
		JOIN cases c ON c.id = u.id ORDER BY u.n`, ids)
	persons, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("case persons: %w", err)
	}
	if len(persons) != len(ids) {
		return nil, fmt.Errorf("case persons: %d of %d cases found", len(persons), len(ids))
	}
	return persons, nil
}

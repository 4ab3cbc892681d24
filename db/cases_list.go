package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// CaseListMax is the largest page CaseList returns.
const CaseListMax = 100

// Case sort orders. Each is total (ties broken by id), so pages never
// overlap or skip.
const (
	CaseSortNewest   = "NEWEST"   // latest opened first
	CaseSortOldest   = "OLDEST"   // earliest opened first
	CaseSortPriority = "PRIORITY" // HIGH first, then earliest opened
	CaseSortDueDate  = "DUE_DATE" // soonest due first, cases without a due date last
)

// CaseFilter narrows CaseList. Zero fields do not filter.
type CaseFilter struct {
	RegionPrefix string   // region-code prefix, within the scope's regions
	Statuses     []string // any of these
	Priority     string
	Category     string
	Assignee     string
	Rule         string // cases whose person has a current flag of this rule
}

// CaseCursor is a position in a sorted case list: the last case's sort key
// and id.
type CaseCursor struct {
	Key int64
	ID  int64
}

// noDueDate is the sort key of a case without a due date: after any date.
const noDueDate = 1<<31 - 1

// caseSortKey is the SQL of a sort's key (besides id), "" for none.
var caseSortKey = map[string]string{
	CaseSortNewest:   "",
	CaseSortOldest:   "",
	CaseSortPriority: "c.priority_rank::bigint",
	CaseSortDueDate:  fmt.Sprintf("COALESCE((c.due_date - DATE '1970-01-01')::bigint, %d)", noDueDate),
}

// CaseSortKey is c's key in sort, for its cursor.
func CaseSortKey(c *Case, sort string) int64 {
	switch sort {
	case CaseSortPriority:
		return int64(priorityRank(c.Priority))
	case CaseSortDueDate:
		if c.DueDate == nil {
			return noDueDate
		}
		return c.DueDate.Unix() / 86400
	}
	return 0
}

// CaseList returns up to first cases in scope matching f in sort order,
// after the cursor (nil: from the start), and whether more follow. first
// must be 1 to CaseListMax.
func (s *Store) CaseList(ctx context.Context, scope Scope, f CaseFilter, sort string, first int, after *CaseCursor) ([]Case, bool, error) {
	key, ok := caseSortKey[sort]
	if !ok {
		return nil, false, fmt.Errorf("case list: unknown sort %q", sort)
	}
	if first < 1 || first > CaseListMax {
		return nil, false, fmt.Errorf("case list: first %d not in 1..%d", first, CaseListMax)
	}
	w := &where{}
	caseFilter(w, f)
	caseScope(w, scope)
	order := caseOrder(w, sort, key, after)
	rows, _ := s.Pool.Query(ctx, "SELECT "+caseColumns+" FROM cases c "+w.sql()+" ORDER BY "+order+
		" LIMIT "+w.arg(first+1), w.args...)
	cases, err := pgx.CollectRows(rows, scanCase)
	if err != nil {
		return nil, false, fmt.Errorf("case list: %w", err)
	}
	if len(cases) > first {
		return cases[:first], true, nil
	}
	return cases, false, nil
}

// caseOrder adds the cursor condition of sort and returns its ORDER BY.
func caseOrder(w *where, sort, key string, after *CaseCursor) string {
	switch {
	case sort == CaseSortNewest:
		if after != nil {
			w.add("c.id < " + w.arg(after.ID))
		}
		return "c.id DESC"
	case key == "":
		if after != nil {
			w.add("c.id > " + w.arg(after.ID))
		}
		return "c.id"
	}
	if after != nil {
		w.add("(" + key + ", c.id) > (" + w.arg(after.Key) + ", " + w.arg(after.ID) + ")")
	}
	return key + ", c.id"
}

func caseFilter(w *where, f CaseFilter) {
	if f.RegionPrefix != "" {
		w.prefixRange("c.region_code", f.RegionPrefix)
	}
	if len(f.Statuses) > 0 {
		w.add("c.status = ANY(" + w.arg(f.Statuses) + ")")
	}
	if f.Priority != "" {
		w.add("c.priority = " + w.arg(f.Priority))
	}
	if f.Category != "" {
		w.add("c.category = " + w.arg(f.Category))
	}
	if f.Assignee != "" {
		w.add("c.assignee = " + w.arg(f.Assignee))
	}
	if f.Rule != "" {
		w.add("EXISTS (SELECT 1 FROM hardship_flags f WHERE f.person_id = c.person_id AND f.rule = " + w.arg(f.Rule) + ")")
	}
}

package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/ingest"
)

// Bounds of the case arguments.
const (
	caseNoteMax     = 2000 // characters of a note or an action's note
	caseReasonMax   = 200  // characters of a dismissal reason
	caseAssigneeMax = 100  // characters of an assignee's name
	assignCasesMax  = 100
)

// caseIDParse reads a case id argument.
func caseIDParse(id string) (int64, error) {
	n, ok := idParse(id)
	if !ok {
		return 0, badInput("id", "not a case id: %q", id)
	}
	return n, nil
}

// textArg checks a free-text argument of 1 to max characters (at most max
// when optional) and returns it trimmed.
func textArg(field, s string, max int, required bool) (string, error) {
	t := strings.TrimSpace(s)
	if required && t == "" {
		return "", badInput(field, "required")
	}
	if n := utf8.RuneCountInString(t); n > max {
		return "", badInput(field, "at most %d characters, not %d", max, n)
	}
	return t, nil
}

// caseEdit is the caller's edit of one case as the store checks, keeps and
// audits it.
func caseEdit(ctx context.Context, mutation string, expectedVersion int) db.CaseEdit {
	p, _ := auth.FromContext(ctx)
	return db.CaseEdit{ExpectedVersion: expectedVersion, By: p.Name, Audit: caseAuditEntry(ctx, mutation)}
}

func caseAuditEntry(ctx context.Context, mutation string) db.AuditEntry {
	p, _ := auth.FromContext(ctx)
	return db.AuditEntry{ActorTokenID: p.TokenID, Actor: p.Name, Role: string(p.Role), Action: db.AuditWrite,
		Fields: []string{"Mutation." + mutation}, RequestID: ingest.ActorFrom(ctx).RequestID}
}

// caseError says why a case edit was refused, with a code: NOT_FOUND,
// CONFLICT (another edit came first) or BAD_USER_INPUT (the case's status
// does not allow it).
func caseError(err error) error {
	var version *db.CaseVersionError
	var state *db.CaseStateError
	switch {
	case errors.As(err, &version):
		return fieldError("CONFLICT", "expectedVersion", "%s", version.Error())
	case errors.As(err, &state):
		return badInput("status", "%s", state.Error())
	case errors.Is(err, db.ErrNotFound):
		return fieldError("NOT_FOUND", "id", "no such case in your regions")
	}
	return err
}

// caseFilterFromModel checks and converts the cases filter.
func caseFilterFromModel(f *model.CaseFilter) (db.CaseFilter, error) {
	if f == nil {
		return db.CaseFilter{}, nil
	}
	out := db.CaseFilter{Category: deref(f.Category), Assignee: deref(f.Assignee), Rule: deref(f.Rule)}
	if f.RegionPrefix != nil {
		if !regionPrefixValid(*f.RegionPrefix) {
			return out, badInput("filter.regionPrefix", "not a region-code prefix: %q", *f.RegionPrefix)
		}
		out.RegionPrefix = *f.RegionPrefix
	}
	for _, s := range f.Status {
		out.Statuses = append(out.Statuses, string(s))
	}
	if f.Priority != nil {
		out.Priority = string(*f.Priority)
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func caseCursorEncode(sort string, c db.CaseCursor) string {
	return cursorEncode("case", fmt.Sprintf("%s.%d.%d", sort, c.Key, c.ID))
}

// caseCursorDecode returns the position a page of sort starts after; nil
// means from the start. A cursor of another sort is refused.
func caseCursorDecode(sort string, after *string) (*db.CaseCursor, error) {
	if after == nil {
		return nil, nil
	}
	pos, ok := cursorDecode("case", *after)
	var c db.CaseCursor
	var s string
	if ok {
		parts := strings.Split(pos, ".")
		n, _ := fmt.Sscanf(strings.Join(parts, " "), "%s %d %d", &s, &c.Key, &c.ID)
		ok = n == 3 && len(parts) == 3
	}
	if !ok || s != sort || c.ID <= 0 {
		return nil, badInput("after", "not a cursor of cases sorted by %s: %q", sort, *after)
	}
	return &c, nil
}

package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest"
)

// Bounds of the manual split and merge arguments.
const (
	manualReasonMax = 200 // characters
	splitRecordsMax = 100
	mergePersonsMin = 2
	mergePersonsMax = 20
)

// manualReason checks the reason of a manual split or merge and returns it
// trimmed.
func manualReason(reason string) (string, error) {
	r := strings.TrimSpace(reason)
	if r == "" {
		return "", badInput("reason", "required: say why (e.g. a case id)")
	}
	if n := utf8.RuneCountInString(r); n > manualReasonMax {
		return "", badInput("reason", "at most %d characters, not %d", manualReasonMax, n)
	}
	return r, nil
}

// idsParse reads a list argument of ids: least to most of them, none twice.
func idsParse(field string, ids []string, least, most int) ([]int64, error) {
	if len(ids) < least || len(ids) > most {
		return nil, badInput(field, "give %d to %d ids, not %d", least, most, len(ids))
	}
	out := make([]int64, len(ids))
	seen := make(map[int64]bool, len(ids))
	for i, s := range ids {
		id, ok := idParse(s)
		if !ok {
			return nil, badInput(field, "not an id: %q", s)
		}
		if seen[id] {
			return nil, badInput(field, "%s given twice", s)
		}
		out[i], seen[id] = id, true
	}
	return out, nil
}

// manualLink is the caller's decision as the store keeps and audits it.
func manualLink(ctx context.Context, mutation, reason string) db.ManualLink {
	p, _ := auth.FromContext(ctx)
	a := ingest.ActorFrom(ctx)
	return db.ManualLink{By: p.Name, Reason: reason, Audit: db.AuditEntry{
		ActorTokenID: p.TokenID, Actor: p.Name, Role: string(p.Role), Action: db.AuditWrite,
		Fields: []string{"Mutation." + mutation}, Purpose: reason, RequestID: a.RequestID}}
}

// manualLinkError says why a split or merge was refused, naming the
// argument: persons is personId or personIds.
func manualLinkError(err error, persons string) error {
	var ref *db.PersonRefError
	var split *db.SplitError
	switch {
	case errors.As(err, &ref) && errors.Is(ref, db.ErrPersonMerged):
		return badInput(persons, "person %d was merged into person %d: give the surviving person", ref.ID, ref.Into)
	case errors.As(err, &ref):
		return fieldError("NOT_FOUND", persons, "no person %d in your scope (every record of it must be in your regions)", ref.ID)
	case errors.As(err, &split):
		return badInput("recordIds", "%s", split.Reason)
	case errors.Is(err, db.ErrIDConflict):
		return fieldError("CONFLICT", persons, "the persons hold two different valid ID numbers: they cannot be one person")
	}
	return err
}

// fieldError is an error about an argument with a code other than
// BAD_USER_INPUT (see badInput).
func fieldError(code, field, format string, args ...any) error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("%s: %s", field, fmt.Sprintf(format, args...)),
		Extensions: map[string]any{"code": code, "field": field},
	}
}

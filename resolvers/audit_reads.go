package resolvers

import (
	"context"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/privacy"
)

// AuditReads writes what the operation revealed of each person to the
// audit log: one entry per person, with the fields, the purpose and the
// request. The server calls it before the response leaves
// (server.Deps.AfterOperation), and withholds the response if it fails.
func (r *Resolver) AuditReads(ctx context.Context) error {
	a := privacy.From(ctx)
	if !a.Reveal() {
		return nil
	}
	revealed := a.Revealed()
	if len(revealed) == 0 {
		return nil
	}
	entries := make([]db.AuditEntry, len(revealed))
	for i, rv := range revealed {
		entries[i] = db.AuditEntry{
			ActorTokenID: a.Principal.TokenID, Actor: a.Principal.Name, Role: string(a.Principal.Role),
			Action: db.AuditReadPII, PersonID: rv.PersonID, Department: a.Principal.Department,
			Fields: rv.Fields, Purpose: a.Purpose, RequestID: a.RequestID,
		}
	}
	if err := r.audit.Record(ctx, entries); err != nil {
		return fmt.Errorf("audit of revealed reads: %w", err)
	}
	return nil
}

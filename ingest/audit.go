package ingest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
)

// Actor is who a write is done for, as the audit log records it.
type Actor struct {
	TokenID   int64
	Name      string // the token's name; "system" for the command line
	Role      string // ADMIN, INTEGRATOR, … or SYSTEM
	RequestID string
	Via       string // the mutation, or e.g. "vethub import veteran.ndjson"
}

type actorKey struct{}

// WithActor returns ctx whose writes are audited as a's.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx; a write without one is the system's.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Name: "system", Role: "SYSTEM", Via: "unknown"}
}

// auditWrite appends the batch's write to the audit log, in its
// transaction and as its last step (appends to the department's chain wait
// for each other from there to commit). A batch that wrote nothing is not
// audited.
func auditWrite(ctx context.Context, tx pgx.Tx, department string, outs []db.UpsertOutcome) error {
	var created, updated int
	for _, o := range outs {
		switch o.Status {
		case db.StatusCreated:
			created++
		case db.StatusUpdated:
			updated++
		}
	}
	if created+updated == 0 {
		return nil
	}
	a := ActorFrom(ctx)
	return db.AuditAppend(ctx, tx, []db.AuditEntry{{
		ActorTokenID: a.TokenID, Actor: a.Name, Role: a.Role, Action: db.AuditWrite,
		Department: department, Fields: []string{a.Via}, RequestID: a.RequestID,
		Detail: fmt.Sprintf("%d created, %d updated", created, updated),
	}})
}

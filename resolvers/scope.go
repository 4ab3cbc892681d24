package resolvers

import (
	"context"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/privacy"
)

// scopeFrom maps the request's principal to the scope every read applies
// in SQL: admins read everything, analysts their regions, integrators their
// department, dashboards no individual. It fails without a principal, and for a
// principal that would otherwise read more than it should (an analyst
// without regions, an integrator without a department).
func scopeFrom(ctx context.Context) (db.Scope, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return db.Scope{}, err
	}
	switch p.Role {
	case auth.RoleAdmin:
		return db.Scope{}, nil
	case auth.RoleDashboard:
		return db.Scope{Aggregate: true}, nil
	case auth.RoleAnalyst:
		if len(p.Regions) > 0 {
			return db.Scope{Regions: p.Regions}, nil
		}
	case auth.RoleIntegrator:
		if p.Department != "" {
			return db.Scope{Department: p.Department}, nil
		}
	}
	return db.Scope{}, auth.Forbiddenf("token %d (%s) has no readable scope", p.TokenID, p.Role)
}

// WithLoaders returns ctx with fresh dataloaders scoped to the request's
// principal (and an empty memo of converted records), which must already be
// in ctx; without one ctx is returned as is and every loader-backed field
// fails.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	scope, err := scopeFrom(ctx)
	if err != nil {
		return ctx
	}
	return withJobMatchesLoader(withRecordModels(r.store.WithLoaders(ctx, scope)), r.matching)
}

// RequestScope prepares an operation: its dataloaders, and its access to
// personal information, revealed only with a purpose stated by
// @purpose(reason:), and the actor its writes are audited as. The server
// calls it once per operation (server.Deps.RequestScope).
func (r *Resolver) RequestScope(ctx context.Context, requestID string) (context.Context, error) {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return r.WithLoaders(ctx), nil
	}
	purpose, err := operationPurpose(ctx)
	if err != nil {
		return ctx, err
	}
	access, err := privacy.NewAccess(p, purpose, requestID)
	if err != nil {
		return ctx, badInput("@purpose.reason", "%s", err)
	}
	actor := ingest.Actor{TokenID: p.TokenID, Name: p.Name, Role: string(p.Role), RequestID: requestID, Via: "graphql"}
	return ingest.WithActor(privacy.With(r.WithLoaders(ctx), access), actor), nil
}

// loaders returns the request's dataloaders, or the reason there are none.
func loaders(ctx context.Context) (*db.Loaders, error) {
	if l := db.LoadersFrom(ctx); l != nil {
		return l, nil
	}
	if _, err := scopeFrom(ctx); err != nil {
		return nil, err
	}
	return nil, errNoLoaders
}

package auth

import (
	"context"
	"strings"
)

// Principal is who a request acts as: the token's id and name, its role,
// the department an integrator writes for, and the region-code prefixes an
// analyst may read.
type Principal struct {
	TokenID    int64
	Name       string
	Role       Role
	Department string   // VETERAN, CIVIL, HEALTH or JOBS; integrators only
	Regions    []string // region-code prefixes; analysts only
}

// IsAdmin reports whether p may do everything.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// CanWrite reports whether p may write department's records: admins may
// write every department, an integrator only its own, nobody else any.
func (p Principal) CanWrite(department string) bool {
	switch p.Role {
	case RoleAdmin:
		return true
	case RoleIntegrator:
		return department != "" && department == p.Department
	}
	return false
}

// CoversRegion reports whether p may see individual people registered in
// the region with this code: admins everywhere, analysts where the code
// starts with one of their prefixes, integrators and dashboards nowhere
// (they see their own department's feed or aggregates, not people by
// region).
func (p Principal) CoversRegion(code string) bool {
	prefixes, all := p.RegionScope()
	if all {
		return true
	}
	for _, prefix := range prefixes {
		if strings.HasPrefix(code, prefix) {
			return true
		}
	}
	return false
}

// RegionScope is the region filter a query must apply for p, so scoping is
// enforced in SQL: all is true for admins; otherwise only rows whose region
// code starts with one of prefixes are visible (none when prefixes is
// empty).
func (p Principal) RegionScope() (prefixes []string, all bool) {
	switch p.Role {
	case RoleAdmin:
		return nil, true
	case RoleAnalyst:
		return p.Regions, false
	}
	return nil, false
}

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal WithPrincipal stored, and false when
// the context carries none.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Require returns the context's principal, or ErrUnauthenticated when it
// carries none; resolvers call it first.
func Require(ctx context.Context) (Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return Principal{}, ErrUnauthenticated
	}
	return p, nil
}

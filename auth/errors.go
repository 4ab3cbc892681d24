package auth

import (
	"errors"
	"fmt"
)

var (
	// ErrUnauthenticated means the request carries no valid token. The
	// server presents it as code UNAUTHENTICATED.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrForbidden means the principal may not do what it asked. The server
	// presents it as code FORBIDDEN.
	ErrForbidden = errors.New("forbidden")
)

// Forbiddenf returns ErrForbidden wrapped with a reason, e.g.
// Forbiddenf("integrator of %s may not write %s", own, other).
func Forbiddenf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrForbidden, fmt.Sprintf(format, args...))
}

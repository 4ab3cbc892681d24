package auth

import (
	"fmt"
	"strings"
)

// Role is what a token is for; the values match the GraphQL Role enum and
// the api_tokens.role column.
type Role string

// The roles of DESIGN.md "Who uses it".
const (
	RoleAdmin      Role = "ADMIN"
	RoleIntegrator Role = "INTEGRATOR"
	RoleAnalyst    Role = "ANALYST"
	RoleDashboard  Role = "DASHBOARD"
)

// Roles lists every role, in the order help texts show them.
var Roles = []Role{RoleAdmin, RoleIntegrator, RoleAnalyst, RoleDashboard}

// Departments lists the departments an integrator token can belong to.
var Departments = []string{"VETERAN", "CIVIL", "HEALTH", "JOBS"}

// ParseRole reads a role name in any case ("admin", "ANALYST"); it fails
// for anything that is not one of Roles.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToUpper(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", fmt.Errorf("unknown role %q (want admin, integrator, analyst or dashboard)", s)
	}
	return r, nil
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleIntegrator, RoleAnalyst, RoleDashboard:
		return true
	}
	return false
}

// ParseDepartment reads a department name in any case; it fails for
// anything that is not one of Departments.
func ParseDepartment(s string) (string, error) {
	d := strings.ToUpper(strings.TrimSpace(s))
	for _, known := range Departments {
		if d == known {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown department %q (want veteran, civil, health or jobs)", s)
}

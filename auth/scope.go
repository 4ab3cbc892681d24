package auth

import (
	"errors"
	"fmt"
	"strings"
)

// CheckGrant validates what a token is to be issued for, with a message a
// person can act on: integrators need exactly one department, analysts at
// least one region prefix of 6, 9 or 12 digits, and nobody else takes
// either. department must already be upper case (see ParseDepartment).
func CheckGrant(role Role, department string, regions []string) error {
	if !role.Valid() {
		return fmt.Errorf("unknown role %q", role)
	}
	if err := checkDepartment(role, department); err != nil {
		return err
	}
	return checkRegions(role, regions)
}

func checkDepartment(role Role, department string) error {
	if role != RoleIntegrator {
		if department != "" {
			return fmt.Errorf("only integrator tokens have a department, not %s", strings.ToLower(string(role)))
		}
		return nil
	}
	if department == "" {
		return errors.New("an integrator token needs a department (veteran, civil, health or jobs)")
	}
	_, err := ParseDepartment(department)
	return err
}

func checkRegions(role Role, regions []string) error {
	if role != RoleAnalyst {
		if len(regions) > 0 {
			return fmt.Errorf("only analyst tokens have regions, not %s", strings.ToLower(string(role)))
		}
		return nil
	}
	if len(regions) == 0 {
		return errors.New("an analyst token needs regions: region-code prefixes of 6, 9 or 12 digits")
	}
	for _, r := range regions {
		if !validRegionPrefix(r) {
			return fmt.Errorf("region %q is not a region code of 6, 9 or 12 digits", r)
		}
	}
	return nil
}

func validRegionPrefix(s string) bool {
	if n := len(s); n != 6 && n != 9 && n != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

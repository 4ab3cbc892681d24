package feed

import (
	"fmt"
	"strings"
)

// Department is a department that sends person records.
type Department string

// The departments that send person records. Job postings are not a
// Department: they have their own types (JobInput, Job).
const (
	DepartmentVeteran Department = "VETERAN"
	DepartmentCivil   Department = "CIVIL"
	DepartmentHealth  Department = "HEALTH"
)

// ParseDepartment accepts a department name in any case, surrounded by
// spaces or not ("veteran", "Civil"). It fails for anything else, including
// "jobs".
func ParseDepartment(s string) (Department, error) {
	switch d := Department(strings.ToUpper(strings.TrimSpace(s))); d {
	case DepartmentVeteran, DepartmentCivil, DepartmentHealth:
		return d, nil
	}
	return "", fmt.Errorf("feed: unknown department %q (want VETERAN, CIVIL or HEALTH)", s)
}

// UnmarshalText parses a department like ParseDepartment and fails like it.
func (d *Department) UnmarshalText(b []byte) error {
	p, err := ParseDepartment(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

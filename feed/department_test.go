package feed

import (
	"slices"
	"testing"
)

func TestParseDepartment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Department
		ok   bool
	}{
		{"veteran", DepartmentVeteran, true},
		{" Civil ", DepartmentCivil, true},
		{"HEALTH", DepartmentHealth, true},
		{"jobs", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDepartment(tt.in)
			if got != tt.want || (err == nil) != tt.ok {
				t.Errorf("ParseDepartment(%q) = %q, %v", tt.in, got, err)
			}
		})
	}
}

func TestAllowedValues(t *testing.T) {
	t.Parallel()
	if got := AllowedValues("physicalDemand"); !slices.Equal(got, []string{"LIGHT", "MEDIUM", "HEAVY"}) {
		t.Errorf("physicalDemand = %v", got)
	}
	if got := AllowedValues("name"); got != nil {
		t.Errorf("name = %v", got)
	}
}

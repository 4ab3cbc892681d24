package auth_test

import (
	"strings"
	"testing"

	"github.com/vethub/vethub/auth"
)

func TestCheckGrant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		role    auth.Role
		dept    string
		regions []string
		wantErr string // substring; empty means valid
	}{
		{"admin", auth.RoleAdmin, "", nil, ""},
		{"dashboard", auth.RoleDashboard, "", nil, ""},
		{"integrator", auth.RoleIntegrator, "JOBS", nil, ""},
		{"analyst", auth.RoleAnalyst, "", []string{"330824", "330824106", "330824106001"}, ""},
		{"integrator without department", auth.RoleIntegrator, "", nil, "needs a department"},
		{"integrator bad department", auth.RoleIntegrator, "POLICE", nil, "unknown department"},
		{"admin with department", auth.RoleAdmin, "CIVIL", nil, "only integrator"},
		{"analyst without regions", auth.RoleAnalyst, "", nil, "needs regions"},
		{"analyst short region", auth.RoleAnalyst, "", []string{"3308"}, "6, 9 or 12"},
		{"analyst letters", auth.RoleAnalyst, "", []string{"33082x"}, "6, 9 or 12"},
		{"dashboard with regions", auth.RoleDashboard, "", []string{"330824"}, "only analyst"},
		{"bad role", auth.Role("ROOT"), "", nil, "unknown role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := auth.CheckGrant(tt.role, tt.dept, tt.regions)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseRoleAndDepartment(t *testing.T) {
	t.Parallel()
	if r, err := auth.ParseRole(" Integrator "); err != nil || r != auth.RoleIntegrator {
		t.Errorf("ParseRole = %q, %v", r, err)
	}
	if _, err := auth.ParseRole("root"); err == nil {
		t.Error("ParseRole(root) succeeded")
	}
	if d, err := auth.ParseDepartment("health"); err != nil || d != "HEALTH" {
		t.Errorf("ParseDepartment = %q, %v", d, err)
	}
	if _, err := auth.ParseDepartment("police"); err == nil {
		t.Error("ParseDepartment(police) succeeded")
	}
}

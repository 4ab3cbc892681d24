package auth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/vethub/vethub/auth"
)

func TestCanWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    auth.Principal
		dept string
		want bool
	}{
		{"admin any", auth.Principal{Role: auth.RoleAdmin}, "HEALTH", true},
		{"integrator own", auth.Principal{Role: auth.RoleIntegrator, Department: "CIVIL"}, "CIVIL", true},
		{"integrator other", auth.Principal{Role: auth.RoleIntegrator, Department: "CIVIL"}, "HEALTH", false},
		{"integrator empty", auth.Principal{Role: auth.RoleIntegrator}, "", false},
		{"analyst", auth.Principal{Role: auth.RoleAnalyst, Regions: []string{"330824"}}, "VETERAN", false},
		{"dashboard", auth.Principal{Role: auth.RoleDashboard}, "VETERAN", false},
		{"no role", auth.Principal{}, "VETERAN", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.p.CanWrite(tt.dept); got != tt.want {
				t.Errorf("CanWrite(%q) = %v, want %v", tt.dept, got, tt.want)
			}
		})
	}
}

func TestCoversRegion(t *testing.T) {
	t.Parallel()
	analyst := auth.Principal{Role: auth.RoleAnalyst, Regions: []string{"330824", "341103001"}}
	tests := []struct {
		name string
		p    auth.Principal
		code string
		want bool
	}{
		{"admin", auth.Principal{Role: auth.RoleAdmin}, "110101", true},
		{"analyst county", analyst, "330824", true},
		{"analyst town in county", analyst, "330824106", true},
		{"analyst town", analyst, "341103001002", true},
		{"analyst sibling town", analyst, "341103002", false},
		{"analyst parent", analyst, "341103", false},
		{"dashboard", auth.Principal{Role: auth.RoleDashboard}, "330824", false},
		{"integrator", auth.Principal{Role: auth.RoleIntegrator, Department: "CIVIL"}, "330824", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.p.CoversRegion(tt.code); got != tt.want {
				t.Errorf("CoversRegion(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestContext(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, ok := auth.FromContext(ctx); ok {
		t.Fatal("empty context has a principal")
	}
	if _, err := auth.Require(ctx); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("Require on empty context = %v, want ErrUnauthenticated", err)
	}
	want := auth.Principal{TokenID: 7, Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	got, err := auth.Require(auth.WithPrincipal(ctx, want))
	if err != nil || got.TokenID != 7 || got.Role != auth.RoleAnalyst {
		t.Fatalf("Require = %+v, %v", got, err)
	}
}

func TestForbiddenf(t *testing.T) {
	t.Parallel()
	err := auth.Forbiddenf("integrator of %s may not write %s", "CIVIL", "HEALTH")
	if !errors.Is(err, auth.ErrForbidden) {
		t.Fatalf("%v is not ErrForbidden", err)
	}
	if want := "forbidden: integrator of CIVIL may not write HEALTH"; err.Error() != want {
		t.Fatalf("message %q, want %q", err.Error(), want)
	}
}

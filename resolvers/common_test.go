package resolvers_test

import (
	"testing"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

func TestViewer(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	tests := []struct {
		name string
		p    auth.Principal
		want string
	}{
		{"admin", admin, "ADMIN <nil> []"},
		{"integrator", auth.Principal{Role: auth.RoleIntegrator, Department: "HEALTH"}, "INTEGRATOR HEALTH []"},
		{"analyst", auth.Principal{Role: auth.RoleAnalyst, Regions: []string{"330824", "341103"}}, "ANALYST <nil> [330824 341103]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out struct {
				Viewer struct {
					Role       string
					Department *string
					Regions    []string
				}
			}
			mustQuery(t, a.as(tt.p), `{ viewer { role department regions } }`, &out)
			dept := "<nil>"
			if out.Viewer.Department != nil {
				dept = *out.Viewer.Department
			}
			if got := out.Viewer.Role + " " + dept + " " + fmtList(out.Viewer.Regions); got != tt.want {
				t.Fatalf("viewer = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoPrincipalIsUnauthenticated(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	c := clientWithout(a)
	for _, q := range []string{`{ viewer { role } }`, `{ person(id: "1") { id } }`, `{ changes { edges { cursor } } }`} {
		errs := query(t, c, q, nil)
		if len(errs) != 1 || errs[0].Message != auth.ErrUnauthenticated.Error() {
			t.Errorf("%s: errors = %+v, want unauthenticated", q, errs)
		}
	}
}

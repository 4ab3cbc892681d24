package privacy

import (
	"strings"
	"testing"

	"github.com/vethub/vethub/auth"
)

func TestRevealNeedsPurposeAndRole(t *testing.T) {
	cases := []struct {
		role    auth.Role
		purpose string
		want    bool
	}{
		{auth.RoleAnalyst, "", false},
		{auth.RoleAnalyst, "   ", false},
		{auth.RoleAnalyst, "case 42", true},
		{auth.RoleAdmin, "", false},
		{auth.RoleAdmin, "audit request 7", true},
		{auth.RoleIntegrator, "reconcile batch 3", true},
		{auth.RoleDashboard, "case 42", false},
	}
	for _, c := range cases {
		a, err := NewAccess(auth.Principal{Role: c.role}, c.purpose, "r1")
		if err != nil {
			t.Fatal(err)
		}
		if a.Reveal() != c.want {
			t.Errorf("%s with purpose %q: reveal %v, want %v", c.role, c.purpose, a.Reveal(), c.want)
		}
	}
	if _, err := NewAccess(auth.Principal{Role: auth.RoleAnalyst}, strings.Repeat("x", MaxPurposeLen+1), "r1"); err == nil {
		t.Error("an over-long purpose was accepted")
	}
	var none *Access
	if none.Reveal() {
		t.Error("no access must mask everything")
	}
}

func TestRevealedPerPersonInOrder(t *testing.T) {
	a, _ := NewAccess(auth.Principal{Role: auth.RoleAnalyst}, "case 1", "r1")
	a.Note(7, "Person.idNumber")
	a.Note(3, "VeteranRecord.phone")
	a.Note(7, "Person.idNumber")
	a.Note(7, "Person.birthDate")
	got := a.Revealed()
	if len(got) != 2 || got[0].PersonID != 7 || got[1].PersonID != 3 ||
		strings.Join(got[0].Fields, ",") != "Person.idNumber,Person.birthDate" {
		t.Fatalf("revealed %+v", got)
	}
}

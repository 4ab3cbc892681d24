package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/statsfold"
)

const statsQuery = `query($region: String!) {
  stats(region: $region, from: "2024-01-15", to: "2024-12-31") {
    region { name } from to minCount pending
    figures {
      persons { onRecord { value } linkedThree { value } }
      veterans { onRecord { value display } cardIssueRate { display } entitledMonthlyBenefits { display } }
      civil { temporaryAssistanceAmount { display } }
    }
    byRegion { code region { name } figures { veterans { onRecord { value display suppressed } } } }
    byMonth { month figures { veterans { onRecord { value } } civil { temporaryAssistance { value } } } }
  }
}`

type statsCount struct {
	Value      *int64
	Display    string
	Suppressed bool
}

type statsResult struct {
	Stats struct {
		Region   struct{ Name string }
		From, To string
		MinCount int
		Pending  int
		Figures  struct {
			Persons  struct{ OnRecord, LinkedThree statsCount }
			Veterans struct {
				OnRecord                statsCount
				CardIssueRate           statsCount
				EntitledMonthlyBenefits statsCount
			}
			Civil struct{ TemporaryAssistanceAmount statsCount }
		}
		ByRegion []struct {
			Code    string
			Region  *struct{ Name string }
			Figures struct{ Veterans struct{ OnRecord statsCount } }
		}
		ByMonth []struct {
			Month   string
			Figures struct {
				Veterans struct{ OnRecord statsCount }
				Civil    struct{ TemporaryAssistance statsCount }
			}
		}
	}
}

// A dashboard reads a county's figures, its townships' and its months',
// with the township of two persons suppressed.
func TestStatsForDashboard(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	for i := range 6 {
		f.full(fmt.Sprint("张三", i), "330824106")
	}
	for i := range 2 {
		f.full(fmt.Sprint("李四", i), "330824107")
	}
	folder := statsfold.New(store, ingesttest.Quiet)
	if err := folder.Ensure(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := folder.FoldPending(context.Background()); err != nil {
		t.Fatal(err)
	}
	dashboard := auth.Principal{TokenID: 9, Role: auth.RoleDashboard}
	var out statsResult
	mustQuery(t, newAPI(t, store).as(dashboard), statsQuery, &out, client.Var("region", "330824"))
	s := out.Stats
	if s.Region.Name != "开化县" || s.From != "2024-01-01" || s.To != "2024-12-31" || s.MinCount != 5 || s.Pending != 0 {
		t.Errorf("stats header: %+v", s)
	}
	fig := s.Figures
	if *fig.Persons.OnRecord.Value != 8 || *fig.Persons.LinkedThree.Value != 8 || fig.Veterans.OnRecord.Display != "8" {
		t.Errorf("persons and veterans: %+v %+v", fig.Persons, fig.Veterans)
	}
	// Fixtures: no card, 1,234.50 a month each, 800 of temporary assistance each in February.
	if fig.Veterans.CardIssueRate.Display != "0.00%" || fig.Veterans.EntitledMonthlyBenefits.Display != "9,876.00" ||
		fig.Civil.TemporaryAssistanceAmount.Display != "6,400.00" {
		t.Errorf("rates and amounts: %+v %+v", fig.Veterans, fig.Civil)
	}
	if len(s.ByRegion) != 2 || s.ByRegion[0].Code != "330824106" || s.ByRegion[0].Region.Name != "桐村镇" ||
		*s.ByRegion[0].Figures.Veterans.OnRecord.Value != 6 {
		t.Fatalf("by region: %+v", s.ByRegion)
	}
	if small := s.ByRegion[1].Figures.Veterans.OnRecord; !small.Suppressed || small.Value != nil || small.Display != "<5" {
		t.Errorf("two veterans must be suppressed: %+v", small)
	}
	if len(s.ByMonth) != 12 || s.ByMonth[3].Month != "2024-04" || s.ByMonth[4].Month != "2024-05" {
		t.Fatalf("by month: %+v", s.ByMonth)
	}
	// Records are as of 2024-05-01: none on record in April, eight in May.
	if *s.ByMonth[3].Figures.Veterans.OnRecord.Value != 0 || *s.ByMonth[4].Figures.Veterans.OnRecord.Value != 8 {
		t.Errorf("veterans in April and May: %+v, %+v", s.ByMonth[3], s.ByMonth[4])
	}
	if *s.ByMonth[1].Figures.Civil.TemporaryAssistance.Value != 8 || *s.ByMonth[2].Figures.Civil.TemporaryAssistance.Value != 0 {
		t.Errorf("payments in February and March: %+v, %+v", s.ByMonth[1], s.ByMonth[2])
	}
}

func TestStatsRefusals(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	analyst := auth.Principal{TokenID: 3, Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	for _, tc := range []struct {
		name  string
		who   auth.Principal
		query string
		code  string
		field string
	}{
		{"analyst outside their regions", analyst, `{ stats(region: "341103", from: "2024-01-01", to: "2024-12-31") { pending } }`, "FORBIDDEN", ""},
		{"analyst above their regions", analyst, `{ stats(region: "330800", from: "2024-01-01", to: "2024-12-31") { pending } }`, "FORBIDDEN", ""},
		{"malformed region", admin, `{ stats(region: "33", from: "2024-01-01", to: "2024-12-31") { pending } }`, "BAD_USER_INPUT", "region"},
		{"unknown region", admin, `{ stats(region: "999999", from: "2024-01-01", to: "2024-12-31") { pending } }`, "BAD_USER_INPUT", "region"},
		{"period backwards", admin, `{ stats(region: "330824", from: "2024-02-01", to: "2024-01-31") { pending } }`, "BAD_USER_INPUT", "to"},
		{"period too long", admin, `{ stats(region: "330824", from: "2000-01-01", to: "2024-01-31") { pending } }`, "BAD_USER_INPUT", "to"},
		{"integrator", auth.Principal{TokenID: 4, Role: auth.RoleIntegrator, Department: "CIVIL"},
			`{ stats(region: "330824", from: "2024-01-01", to: "2024-12-31") { pending } }`, "FORBIDDEN", ""},
	} {
		errs := query(t, a.as(tc.who), tc.query, nil)
		// The server's error presenter gives auth errors their code; here
		// they show by their message.
		forbidden := len(errs) == 1 && strings.HasPrefix(errs[0].Message, "forbidden")
		if tc.code == "FORBIDDEN" && forbidden {
			continue
		}
		if len(errs) != 1 || errs[0].Extensions["code"] != tc.code || (tc.field != "" && errs[0].Extensions["field"] != tc.field) {
			t.Errorf("%s: want %s on %q, got %+v", tc.name, tc.code, tc.field, errs)
		}
	}
	var ok statsResult
	mustQuery(t, a.as(analyst), `{ stats(region: "330824106", from: "2024-01-01", to: "2024-12-31") { pending } }`, &ok)
	mustQuery(t, a.as(admin), `{ stats(region: "330824106001", from: "2024-01-01", to: "2024-01-31") { region { level parent { name } } } }`, &ok)
}

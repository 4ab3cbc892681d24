package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// flagPerson stores a person of region with one flag and returns the
// case it opened.
func flagPerson(t *testing.T, store *db.Store, region string) int64 {
	t.Helper()
	p := fixtures{t, store}.person("张三", region)
	var opened []int64
	err := pgx.BeginFunc(context.Background(), store.Pool, func(tx pgx.Tx) error {
		changed, err := db.FlagsReplace(context.Background(), tx, []int64{p}, []db.FlagRow{{PersonID: p, Rule: "income",
			RuleSetVersion: "1", Category: "INCOME", Priority: "HIGH", Score: 0.9, Fingerprint: "f",
			ExplanationZH: "人均收入低于低保线", ExplanationEN: "income below the dibao line",
			Evidence: json.RawMessage(`[{"department":"CIVIL","sourceId":"c-1","field":"perCapitaMonthlyIncome","value":600,"threshold":800,"asOf":"2026-01-05"}]`)}})
		opened = changed.Opened
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return opened[0]
}

var kaihua = auth.Principal{TokenID: 5, Name: "analyst-kh", Role: auth.RoleAnalyst, Regions: []string{"330824"}}

func TestCaseWorkflow(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	id := fmt.Sprint(flagPerson(t, store, "330824106001"))
	c := newAPI(t, store).as(kaihua)
	var read struct {
		Case struct {
			Version int
			Person  struct{ Name string }
			Flags   []struct {
				ExplanationEn string
				Evidence      []struct{ Department, Field, Value, Threshold, AsOf string }
			}
		}
	}
	const caseQuery = `query($id: ID!) %s { case(id: $id) { version person { name } flags { explanationEn
		evidence { department field value threshold asOf } } } }`
	mustQuery(t, c, fmt.Sprintf(caseQuery, ""), &read, client.Var("id", id))
	if ev := read.Case.Flags[0].Evidence[0]; ev.Value != "" || read.Case.Flags[0].ExplanationEn != "" || ev.Threshold != "800" {
		t.Fatalf("without a purpose, evidence values and explanations must be masked: %+v", read.Case)
	}
	mustQuery(t, c, fmt.Sprintf(caseQuery, `@purpose(reason: "case review")`), &read, client.Var("id", id))
	ev := read.Case.Flags[0].Evidence[0]
	if read.Case.Version != 1 || read.Case.Person.Name != "张三" || ev.Value != "600" || ev.Threshold != "800" ||
		ev.AsOf != "2026-01-05" || read.Case.Flags[0].ExplanationEn == "" {
		t.Fatalf("case = %+v", read.Case)
	}
	step := func(mutation string, version int) []gqlError {
		return query(t, c, fmt.Sprintf(`mutation($id: ID!) { %s }`, fmt.Sprintf(mutation, version)), nil, client.Var("id", id))
	}
	if errs := step(`assignCase(id: $id, expectedVersion: %d, assignee: "王芳") { id }`, 1); len(errs) != 0 {
		t.Fatalf("assign: %+v", errs)
	}
	errs := step(`addCaseNote(id: $id, expectedVersion: %d, body: "电话未接通") { id }`, 1)
	if len(errs) != 1 || errs[0].Extensions["code"] != "CONFLICT" {
		t.Fatalf("stale note: %+v, want CONFLICT", errs)
	}
	for _, bad := range []string{
		`addCaseAction(id: $id, expectedVersion: %d, action: {kind: VISIT, jobSourceId: "JOB-1"}) { id }`,
		`addCaseAction(id: $id, expectedVersion: %d, action: {kind: JOB_REFERRAL, jobSourceId: "no-such-posting"}) { id }`,
	} {
		errs = step(bad, 2)
		if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, "action.jobSourceId") {
			t.Fatalf("%s: %+v, want BAD_USER_INPUT naming action.jobSourceId", bad, errs)
		}
	}
	errs = step(`transitionCase(id: $id, expectedVersion: %d, status: CLOSED) { id }`, 2)
	if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Fatalf("OPEN → CLOSED: %+v, want BAD_USER_INPUT", errs)
	}
	for v, m := range []string{
		`transitionCase(id: $id, expectedVersion: %d, status: IN_REVIEW) { id }`,
		`addCaseAction(id: $id, expectedVersion: %d, action: {kind: TEMPORARY_ASSISTANCE, amount: 800, plannedOn: "2026-02-01"}) { id }`,
		`dismissCase(id: $id, expectedVersion: %d, reason: "家访核实：已有子女赡养") { status }`,
	} {
		if errs := step(m, v+2); len(errs) != 0 {
			t.Fatalf("%s: %+v", m, errs)
		}
	}
	var n int
	store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE actor = 'analyst-kh' AND action = 'WRITE'`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d audit entries, want one per applied edit (4)", n)
	}
}

func TestCasesKeepToTheRegion(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	mine, other := flagPerson(t, store, "330824106001"), flagPerson(t, store, "341103100001")
	c := newAPI(t, store).as(kaihua)
	var list struct {
		Cases struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	mustQuery(t, c, `{ cases(sort: PRIORITY) { edges { node { id } } } }`, &list)
	if len(list.Cases.Edges) != 1 || list.Cases.Edges[0].Node.ID != fmt.Sprint(mine) {
		t.Fatalf("cases = %+v: want only %d", list.Cases, mine)
	}
	var one struct{ Case *struct{ ID string } }
	mustQuery(t, c, `query($id: ID!) { case(id: $id) { id } }`, &one, client.Var("id", fmt.Sprint(other)))
	if one.Case != nil {
		t.Fatalf("read case %d of another region", other)
	}
	errs := query(t, c, `mutation($ids: [ID!]!) { assignCases(ids: $ids, assignee: "x") { id } }`, nil,
		client.Var("ids", []string{fmt.Sprint(mine), fmt.Sprint(other)}))
	if len(errs) != 1 || errs[0].Extensions["code"] != "NOT_FOUND" {
		t.Fatalf("bulk assign across regions: %+v, want NOT_FOUND", errs)
	}
}

func TestCasesPageThroughEverySort(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	for range 5 {
		flagPerson(t, store, "330824106001")
	}
	c := newAPI(t, store).as(admin)
	for _, sort := range []string{"NEWEST", "OLDEST", "PRIORITY", "DUE_DATE"} {
		seen := map[string]bool{}
		var after *string
		for page := 0; ; page++ {
			var out struct {
				Cases struct {
					Edges    []struct{ Node struct{ ID string } }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
			mustQuery(t, c, `query($s: CaseSort, $a: String) { cases(sort: $s, first: 2, after: $a) {
				edges { node { id } } pageInfo { hasNextPage endCursor } } }`, &out, client.Var("s", sort), client.Var("a", after))
			for _, e := range out.Cases.Edges {
				if seen[e.Node.ID] {
					t.Fatalf("%s: case %s twice", sort, e.Node.ID)
				}
				seen[e.Node.ID] = true
			}
			if !out.Cases.PageInfo.HasNextPage {
				break
			}
			after = out.Cases.PageInfo.EndCursor
		}
		if len(seen) != 5 {
			t.Fatalf("%s: %d cases, want 5", sort, len(seen))
		}
	}
}

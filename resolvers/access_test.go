package resolvers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/graph"
)

// TestBreakInAttempts tries, for each role, every path to data it must not
// see or change. Each attempt must come back refused (FORBIDDEN), or with
// nothing of the other region or department in it.
func TestBreakInAttempts(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	mine := f.full("甲", "330824106001")  // 开化县: the analyst's region
	other := f.full("乙", "341103100001") // 南谯区: outside it
	for _, src := range []string{"v-甲-330824106001", "v-乙-341103100001"} {
		f.change("RECORD", "VETERAN", src, f.id(`SELECT id FROM source_records WHERE source_id = $1`, src))
	}
	f.change("RECORD", "CIVIL", "c-乙-341103100001", f.id(`SELECT id FROM source_records WHERE source_id = 'c-乙-341103100001'`))
	a := newAPI(t, store)
	analyst := auth.Principal{TokenID: 2, Name: "analyst", Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	civil := auth.Principal{TokenID: 3, Name: "civil", Role: auth.RoleIntegrator, Department: "CIVIL"}
	dashboard := auth.Principal{TokenID: 4, Name: "dash", Role: auth.RoleDashboard}
	otherID := fmt.Sprint(other)

	const forbidden = "FORBIDDEN"
	attempts := []struct {
		name  string
		as    auth.Principal
		query string
		want  string // forbidden, or the JSON data that must come back
	}{
		{"analyst: person of another region", analyst, `{ person(id: ` + otherID + `) { id } }`, `{"person":null}`},
		{"analyst: persons lists only its region", analyst, `{ persons { edges { node { id } } } }`,
			fmt.Sprintf(`{"persons":{"edges":[{"node":{"id":"%d"}}]}}`, mine)},
		{"analyst: persons filtered to another region", analyst, `{ persons(filter: {regionPrefix: "341103"}) { edges { node { id } } } }`,
			`{"persons":{"edges":[]}}`},
		{"analyst: record of another region", analyst, `{ sourceRecord(department: VETERAN, sourceId: "v-乙-341103100001") { id } }`,
			`{"sourceRecord":null}`},
		{"analyst: change feed of another region", analyst, `{ changes { edges { node { sourceId } } } }`,
			`{"changes":{"edges":[{"node":{"sourceId":"v-甲-330824106001"}}]}}`},
		{"analyst: write", analyst, `mutation { upsertVeteranRecords(records: []) { summary { created } } }`, forbidden},
		{"integrator: person", civil, `{ person(id: ` + otherID + `) { id } }`, forbidden},
		{"integrator: persons", civil, `{ persons { edges { node { id } } } }`, forbidden},
		{"integrator: another department's record", civil, `{ sourceRecord(department: VETERAN, sourceId: "v-乙-341103100001") { id } }`,
			`{"sourceRecord":null}`},
		{"integrator: its record's person beyond the crosswalk", civil,
			`{ sourceRecord(department: CIVIL, sourceId: "c-乙-341103100001") { person { name } } }`, forbidden},
		{"integrator: the crosswalk", civil, `{ sourceRecord(department: CIVIL, sourceId: "c-乙-341103100001") { personId } }`,
			`{"sourceRecord":{"personId":"` + otherID + `"}}`},
		{"integrator: another department's changes", civil, `{ changes(department: VETERAN) { edges { node { sourceId } } } }`,
			`{"changes":{"edges":[]}}`},
		{"integrator: its own changes only", civil, `{ changes { edges { node { sourceId } } } }`,
			`{"changes":{"edges":[{"node":{"sourceId":"c-乙-341103100001"}}]}}`},
		{"integrator: another department's write", civil, `mutation { upsertVeteranRecords(records: []) { summary { created } } }`, forbidden},
		{"dashboard: person", dashboard, `{ person(id: ` + otherID + `) { id } }`, forbidden},
		{"dashboard: persons", dashboard, `{ persons { edges { node { id } } } }`, forbidden},
		{"dashboard: record", dashboard, `{ sourceRecord(department: VETERAN, sourceId: "v-乙-341103100001") { id } }`, forbidden},
		{"dashboard: changes", dashboard, `{ changes { edges { node { sourceId } } } }`, forbidden},
		{"dashboard: with a purpose", dashboard, `query @purpose(reason: "x") { person(id: ` + otherID + `) { idNumber } }`, forbidden},
		{"dashboard: write", dashboard, `mutation { upsertCivilRecords(records: []) { summary { created } } }`, forbidden},
		{"dashboard: reference data stays open", dashboard, `{ viewer { role } region(code: "330824") { name } }`,
			`{"region":{"name":"开化县"},"viewer":{"role":"DASHBOARD"}}`},
	}
	for _, at := range attempts {
		t.Run(at.name, func(t *testing.T) {
			t.Parallel()
			var data json.RawMessage
			errs := query(t, a.as(at.as), at.query, &data)
			if at.want == forbidden {
				if len(errs) == 0 || !strings.HasPrefix(errs[0].Message, "forbidden") {
					t.Fatalf("errors = %+v, data %s: want forbidden", errs, data)
				}
				if strings.Contains(string(data), "乙") || strings.Contains(string(data), otherID) {
					t.Fatalf("refused, yet data leaked: %s", data)
				}
				return
			}
			if len(errs) != 0 {
				t.Fatalf("errors = %+v", errs)
			}
			if string(data) != at.want {
				t.Fatalf("data = %s, want %s", data, at.want)
			}
		})
	}
}

// A nested edge cannot reach records out of scope either: the analyst's
// person lists only records of its regions, even when linked to another.
func TestNestedEdgesKeepScope(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("丙", "330824106001")
	f.record("VETERAN", "v-in", p, "330824106", veteranAttrs)
	f.record("CIVIL", "c-out", p, "341103100", civilAttrs)
	a := newAPI(t, store)
	analyst := auth.Principal{TokenID: 2, Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	var out struct {
		Person struct {
			Civil   *struct{ SourceID string }
			Records []struct{ SourceID string }
		}
	}
	mustQuery(t, a.as(analyst), `query($id: ID!) { person(id: $id) { civil { sourceId } records { sourceId } } }`,
		&out, client.Var("id", fmt.Sprint(p)))
	if out.Person.Civil != nil || len(out.Person.Records) != 1 || out.Person.Records[0].SourceID != "v-in" {
		t.Fatalf("person = %+v: want only v-in", out.Person)
	}
}

// rootCalls is one call of every root field; TestEveryRootFieldPerRole
// checks it stays complete.
var rootCalls = map[string]string{
	"viewer":               `{ viewer { role } }`,
	"region":               `{ region(code: "330824") { code } }`,
	"stats":                `{ stats(region: "330824", from: "2026-01-01", to: "2026-12-31") { pending } }`,
	"jobPosting":           `{ jobPosting(sourceId: "none") { id } }`,
	"placementPlan":        `{ placementPlan(input: {soldiers: [], posts: []}) { mode } }`,
	"person":               `{ person(id: "1") { id } }`,
	"persons":              `{ persons(first: 1) { edges { cursor } } }`,
	"sourceRecord":         `{ sourceRecord(department: CIVIL, sourceId: "none") { id } }`,
	"changes":              `{ changes(first: 1) { edges { cursor } } }`,
	"auditLog":             `{ auditLog(first: 1) { edges { cursor } } }`,
	"linkReviews":          `{ linkReviews(first: 1) { edges { cursor } } }`,
	"resolveLinkReview":    `mutation { resolveLinkReview(id: "999", decision: SAME_PERSON, reason: "x") { id } }`,
	"splitPerson":          `mutation { splitPerson(personId: "999", recordIds: ["998"], reason: "x") { person { id } } }`,
	"mergePersons":         `mutation { mergePersons(personIds: ["999", "998"], reason: "x") { id } }`,
	"upsertVeteranRecords": `mutation { upsertVeteranRecords(records: []) { summary { created } } }`,
	"upsertCivilRecords":   `mutation { upsertCivilRecords(records: []) { summary { created } } }`,
	"upsertHealthRecords":  `mutation { upsertHealthRecords(records: []) { summary { created } } }`,
	"upsertJobPostings":    `mutation { upsertJobPostings(postings: []) { summary { created } } }`,
	"cases":                `{ cases(first: 1) { edges { cursor } } }`,
	"case":                 `{ case(id: "999") { id } }`,
	"assignCase":           `mutation { assignCase(id: "999", expectedVersion: 1, assignee: "x") { id } }`,
	"assignCases":          `mutation { assignCases(ids: ["999"], assignee: "x") { id } }`,
	"transitionCase":       `mutation { transitionCase(id: "999", expectedVersion: 1, status: IN_REVIEW) { id } }`,
	"dismissCase":          `mutation { dismissCase(id: "999", expectedVersion: 1, reason: "x") { id } }`,
	"addCaseNote":          `mutation { addCaseNote(id: "999", expectedVersion: 1, body: "x") { id } }`,
	"addCaseAction":        `mutation { addCaseAction(id: "999", expectedVersion: 1, action: {kind: VISIT}) { id } }`,
	"setCaseDueDate":       `mutation { setCaseDueDate(id: "999", expectedVersion: 1, dueDate: "2026-03-01") { id } }`,
	"ruleSet":              `{ ruleSet { version } }`,
	"ruleSets":             `{ ruleSets { version } }`,
	"loadRuleSet":          `mutation { loadRuleSet(source: "not: [yaml") { version } }`,
}

// TestEveryRootFieldPerRole calls every root field as every role: a role
// the field's @allow leaves out is refused by it, a role it lists is not
// (it may still fail later, e.g. on an empty batch).
func TestEveryRootFieldPerRole(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	schema := graph.NewExecutableSchema(a.res.Config()).Schema()
	roles := []auth.Principal{
		admin,
		{TokenID: 2, Role: auth.RoleIntegrator, Department: "CIVIL"},
		{TokenID: 3, Role: auth.RoleAnalyst, Regions: []string{"330824"}},
		{TokenID: 4, Role: auth.RoleDashboard},
	}
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			call, ok := rootCalls[f.Name]
			if !ok {
				t.Errorf("%s.%s: no call in rootCalls", root.Name, f.Name)
				continue
			}
			allowed := allowedRoles(f)
			for _, p := range roles {
				errs := query(t, a.as(p), call, nil)
				refused := len(errs) > 0 && strings.Contains(errs[0].Message, "may not read "+root.Name+"."+f.Name)
				if refused == allowed[string(p.Role)] {
					t.Errorf("%s.%s as %s: refused %v, @allow lists %v (errors %+v)", root.Name, f.Name, p.Role, refused, allowed, errs)
				}
			}
		}
	}
}

func allowedRoles(f *ast.FieldDefinition) map[string]bool {
	out := map[string]bool{}
	d := f.Directives.ForName("allow")
	if d == nil {
		return out
	}
	for _, r := range d.Arguments.ForName("roles").Value.Children {
		out[r.Value.Raw] = true
	}
	return out
}

package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

const (
	splitCall = `mutation($p: ID!, $r: [ID!]!, $why: String!) { splitPerson(personId: $p, recordIds: $r, reason: $why) {
		person { id departments records { sourceId } } newPerson { id departments records { sourceId linkMethod } } } }`
	mergeCall = `mutation($ps: [ID!]!, $why: String!) { mergePersons(personIds: $ps, reason: $why) {
		id departments records { sourceId linkMethod } } }`
)

var khAnalyst = auth.Principal{TokenID: 7, Name: "kh-analyst", Role: auth.RoleAnalyst, Regions: []string{"330824"}}

type splitOut struct {
	SplitPerson struct {
		Person, NewPerson struct {
			ID          string
			Departments []string
			Records     []struct{ SourceID, LinkMethod string }
		}
	}
}

type mergeOut struct {
	MergePersons struct {
		ID          string
		Departments []string
		Records     []struct{ SourceID, LinkMethod string }
	}
}

func TestSplitAndMergeByAnalyst(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("张三", "330824106001")
	f.record("VETERAN", "v-1", p, "330824106", veteranAttrs)
	c1 := f.record("CIVIL", "c-1", p, "330824106", civilAttrs)
	other := f.person("张三", "330824106001")
	f.record("HEALTH", "h-1", other, "330824106", healthAttrs)
	analyst := newAPI(t, store).as(khAnalyst)

	var split splitOut
	mustQuery(t, analyst, splitCall, &split, client.Var("p", fmt.Sprint(p)), client.Var("r", []string{fmt.Sprint(c1)}),
		client.Var("why", " case 2026-118 "))
	kept, made := split.SplitPerson.Person, split.SplitPerson.NewPerson
	if kept.ID != fmt.Sprint(p) || fmtList(kept.Departments) != "[VETERAN]" || len(made.Records) != 1 ||
		made.Records[0].SourceID != "c-1" || made.Records[0].LinkMethod != "MANUAL" || made.ID == kept.ID {
		t.Fatalf("split = %+v", split.SplitPerson)
	}

	var merged mergeOut
	mustQuery(t, analyst, mergeCall, &merged, client.Var("ps", []string{fmt.Sprint(other), made.ID}), client.Var("why", "case 2026-119"))
	if m := merged.MergePersons; m.ID != fmt.Sprint(other) || fmtList(m.Departments) != "[CIVIL HEALTH]" || len(m.Records) != 2 {
		t.Fatalf("merged = %+v", m)
	}
	var mergedInto struct{ Person struct{ ID string } }
	mustQuery(t, analyst, `query($id: ID!) { person(id: $id) { id } }`, &mergedInto, client.Var("id", made.ID))
	if mergedInto.Person.ID != fmt.Sprint(other) {
		t.Errorf("person %s resolves to %s, want the survivor %d", made.ID, mergedInto.Person.ID, other)
	}

	audits := map[string]int{}
	rows, _ := store.Pool.Query(context.Background(), `SELECT fields[1] || ' ' || purpose || ' ' || person_id || ' ' || actor
		FROM audit_log WHERE action = 'WRITE'`)
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		audits[s]++
	}
	want := []string{
		fmt.Sprintf("Mutation.splitPerson case 2026-118 %d kh-analyst", p),
		fmt.Sprintf("Mutation.splitPerson case 2026-118 %s kh-analyst", made.ID),
		fmt.Sprintf("Mutation.mergePersons case 2026-119 %d kh-analyst", other),
		fmt.Sprintf("Mutation.mergePersons case 2026-119 %s kh-analyst", made.ID),
	}
	for _, w := range want {
		if audits[w] != 1 {
			t.Errorf("audit %q written %d times, want once (all: %v)", w, audits[w], audits)
		}
	}
	if len(audits) != len(want) {
		t.Errorf("audit entries %v, want %v", audits, want)
	}
}

func TestSplitAndMergeRefused(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("张三", "330824106001")
	r1 := f.record("VETERAN", "v-1", p, "330824106", veteranAttrs)
	f.record("CIVIL", "c-1", p, "330824106", civilAttrs)
	wide := f.person("李四", "330824106001")
	w1 := f.record("VETERAN", "v-2", wide, "330824106", veteranAttrs)
	f.record("CIVIL", "c-2", wide, "341103100", civilAttrs) // outside the analyst's regions
	keyedA, keyedB := f.person("王五", "330824106001"), f.person("王六", "330824106001")
	f.record("HEALTH", "h-a", keyedA, "330824106", healthAttrs)
	f.record("HEALTH", "h-b", keyedB, "330824106", healthAttrs)
	f.id(`UPDATE persons SET id_key = CASE id WHEN $1 THEN '330824199005011234' ELSE '33082419900501999X' END
		WHERE id IN ($1, $2) RETURNING id`, keyedA, keyedB)
	gone := f.person("赵七", "330824106001")
	f.merge(gone, p)
	a := newAPI(t, store)
	analyst := a.as(khAnalyst)
	id := func(n int64) string { return fmt.Sprint(n) }
	split := func(person int64, records []int64, why string) []client.Option {
		ids := make([]string, len(records))
		for i, r := range records {
			ids[i] = id(r)
		}
		return []client.Option{client.Var("p", id(person)), client.Var("r", ids), client.Var("why", why)}
	}
	merge := func(why string, persons ...int64) []client.Option {
		ids := make([]string, len(persons))
		for i, p := range persons {
			ids[i] = id(p)
		}
		return []client.Option{client.Var("ps", ids), client.Var("why", why)}
	}
	tests := []struct {
		name        string
		as          auth.Principal
		query       string
		vars        []client.Option
		code, field string // field: what the message starts with
	}{
		{"split out of scope", khAnalyst, splitCall, split(wide, []int64{w1}, "x"), "NOT_FOUND", "personId"},
		{"merge out of scope", khAnalyst, mergeCall, merge("x", p, wide), "NOT_FOUND", "personIds"},
		{"split by a dashboard", auth.Principal{TokenID: 4, Role: auth.RoleDashboard}, splitCall, split(p, []int64{r1}, "x"), "", "forbidden"},
		{"merge by an integrator", auth.Principal{TokenID: 3, Role: auth.RoleIntegrator, Department: "CIVIL"}, mergeCall,
			merge("x", p, keyedA), "", "forbidden"},
		{"blank reason", khAnalyst, splitCall, split(p, []int64{r1}, "  "), "BAD_USER_INPUT", "reason"},
		{"long reason", khAnalyst, mergeCall, merge(strings.Repeat("因", 201), p, keyedA), "BAD_USER_INPUT", "reason"},
		{"a merged person", khAnalyst, mergeCall, merge("x", p, gone), "BAD_USER_INPUT", "personIds"},
		{"one person", khAnalyst, mergeCall, merge("x", p), "BAD_USER_INPUT", "personIds"},
		{"two ID numbers", admin, mergeCall, merge("x", keyedA, keyedB), "CONFLICT", "personIds"},
		{"another person's record", admin, splitCall, split(p, []int64{w1}, "x"), "BAD_USER_INPUT", "recordIds"},
		{"every record", admin, splitCall, split(keyedA, []int64{f.id(`SELECT id FROM source_records WHERE source_id = 'h-a'`)}, "x"),
			"BAD_USER_INPUT", "recordIds"},
	}
	for _, tt := range tests {
		c := analyst
		if tt.as.Role != khAnalyst.Role {
			c = a.as(tt.as)
		}
		errs := query(t, c, tt.query, nil, tt.vars...)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Message, tt.field) || tt.code != "" && errs[0].Extensions["code"] != tt.code {
			t.Errorf("%s: errors %+v, want %s naming %s", tt.name, errs, tt.code, tt.field)
		}
	}
	var changes, audits int
	store.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM audit_log)`).Scan(&changes, &audits)
	if changes != 0 || audits != 0 {
		t.Errorf("refused calls wrote %d changes, %d audit entries", changes, audits)
	}
}

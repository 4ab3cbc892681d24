package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/db/dbtest"
)

// pageQuery asks for everything a caseworker's list view could: each
// person's three latest records, all records, the region with its parents,
// and the way back from every record to its person.
const pageQuery = `query($first: Int!) { persons(first: $first) {
	edges { node {
		id name departments
		region { code name parents { code name } parent { code } }
		veteran { dischargeMode merits person { id name } }
		civil { dibaoStatus temporaryAssistance { amount } person { id } }
		health { seriousIllnesses outOfPocket person { id region { code } } }
		records { id department person { id } }
		linkEvidence { method matchedWith { id } fields { level } }
		mergedInto { id }
	} }
	pageInfo { hasNextPage endCursor } } }`

// TestPageQueryCount checks that a page costs a fixed number of queries,
// whatever its size: the loaders batch each level of the page into one
// query, and the page primes the person loader for the back-edges.
func TestPageQueryCount(t *testing.T) {
	t.Parallel()
	counter := &queryCounter{}
	store := dbtest.NewWithTracer(t, counter)
	f := fixtures{t, store}
	townships := []string{"330824106", "330824107", "330824115", "341103100", "341103003"}
	for i := range 100 {
		f.full(fmt.Sprintf("人%03d", i), fmt.Sprintf("%s%03d", townships[i%len(townships)], i))
	}
	c := newAPI(t, store).as(admin)
	// Regions are read once per store and then served from memory (see
	// TestRegionsReadOnce); read them now so every page counts alike.
	if err := store.RegionsRefresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	counts := map[int]int{}
	for _, first := range []int{10, 100, 10} { // 10 again: warm statement caches change nothing
		counter.reset()
		var out struct {
			Persons struct {
				Edges []struct {
					Node struct {
						Veteran, Civil, Health struct{ Person struct{ ID string } }
						Records                []struct{ Person struct{ ID string } }
						Region                 struct{ Parents []struct{ Code string } }
					}
				}
			}
		}
		mustQuery(t, c, pageQuery, &out, client.Var("first", first))
		sqls := counter.reset()
		checkPage(t, first, len(out.Persons.Edges), len(out.Persons.Edges[first-1].Node.Records),
			len(out.Persons.Edges[first-1].Node.Region.Parents))
		t.Logf("page of %d: %d queries:\n%s", first, len(sqls), strings.Join(sqls, "\n"))
		if counts[first] != 0 && counts[first] != len(sqls) {
			t.Errorf("page of %d: %d queries, before %d", first, len(sqls), counts[first])
		}
		counts[first] = len(sqls)
	}
	const want = 3 // persons page, records of the page's persons, their link evidence
	if counts[10] != want || counts[100] != want {
		t.Fatalf("queries: page of 10 = %d, page of 100 = %d; want %d for both", counts[10], counts[100], want)
	}
}

func checkPage(t *testing.T, first, edges, records, parents int) {
	t.Helper()
	if edges != first || records != 3 || parents != 3 {
		t.Fatalf("page of %d: %d edges, last has %d records and %d parents; want %d, 3, 3", first, edges, records, parents, first)
	}
}

// TestPageQueryCountLean checks that the prefetch follows the selection: a
// page that asks for no relation costs its one query.
func TestPageQueryCountLean(t *testing.T) {
	t.Parallel()
	counter := &queryCounter{}
	store := dbtest.NewWithTracer(t, counter)
	f := fixtures{t, store}
	for i := range 5 {
		f.full(fmt.Sprintf("人%d", i), "330824106")
	}
	counter.reset()
	var out struct {
		Persons struct {
			Edges []struct{ Node struct{ Name string } }
		}
	}
	mustQuery(t, newAPI(t, store).as(admin), `{ persons(first: 5) { edges { node { id name } } } }`, &out)
	if sqls := counter.reset(); len(sqls) != 1 || len(out.Persons.Edges) != 5 {
		t.Fatalf("%d edges in %d queries, want 5 in 1: %q", len(out.Persons.Edges), len(sqls), sqls)
	}
}

// personQuery is what a caseworker's person view asks for, like the
// benchmark's (cmd/vethub bench person).
const personQuery = `query($id: ID!) { person(id: $id) {
	id name departments
	region { code name parents { code name } }
	veteran { dischargeMode person { id } }
	civil { dibaoStatus temporaryAssistance { amount } }
	health { outOfPocket }
	records { id department }
} }`

// TestPersonQueryCount checks that person(id) costs one statement, with or
// without its records.
func TestPersonQueryCount(t *testing.T) {
	t.Parallel()
	counter := &queryCounter{}
	store := dbtest.NewWithTracer(t, counter)
	f := fixtures{t, store}
	survivor := f.full("赵六", "330824106001")
	merged := f.person("赵陆", "330824106001")
	f.merge(merged, survivor)
	if err := store.RegionsRefresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := newAPI(t, store).as(admin)
	tests := []struct {
		name, query      string
		statements, trip int
	}{
		{"with records", personQuery, 1, 1},
		{"lean", `query($id: ID!) { person(id: $id) { id name region { parents { code } } } }`, 1, 1},
		{"records in a fragment", `query($id: ID!) { person(id: $id) { id ...R } } fragment R on Person { civil { dibaoStatus } }`, 1, 1},
		{"records skipped", `query($id: ID!) { person(id: $id) { id health @skip(if: true) { outOfPocket } } }`, 1, 1},
	}
	for _, tt := range tests {
		for _, id := range []int64{survivor, merged} {
			counter.reset()
			var out struct{ Person struct{ ID string } }
			mustQuery(t, c, tt.query, &out, client.Var("id", fmt.Sprint(id)))
			sqls, trips := counter.resetTrips()
			if out.Person.ID != fmt.Sprint(survivor) || len(sqls) != tt.statements || trips != tt.trip {
				t.Errorf("%s, id %d: person %s in %d statements, %d round trips; want %d in %d, %d:\n%s", tt.name, id,
					out.Person.ID, len(sqls), trips, survivor, tt.statements, tt.trip, strings.Join(sqls, "\n"))
			}
		}
	}
}

// TestCasesPageQueryCount: a page of cases with each one's flags, notes,
// actions, history and person costs the same number of queries for 5
// cases as for 30.
func TestCasesPageQueryCount(t *testing.T) {
	t.Parallel()
	counter := &queryCounter{}
	store := dbtest.NewWithTracer(t, counter)
	for range 30 {
		flagPerson(t, store, "330824106001")
	}
	c := newAPI(t, store).as(admin)
	const q = `query($first: Int!) { cases(first: $first) { edges { node {
		id status person { id name } flags { rule evidence { field } } notes { body } actions { kind } history { kind } } } } }`
	counts := map[int]int{}
	for _, first := range []int{5, 30, 5} {
		counter.reset()
		var out struct {
			Cases struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		mustQuery(t, c, q, &out, client.Var("first", first))
		if len(out.Cases.Edges) != first {
			t.Fatalf("page of %d: %d cases", first, len(out.Cases.Edges))
		}
		sqls := counter.reset()
		t.Logf("page of %d cases: %d queries:\n%s", first, len(sqls), strings.Join(sqls, "\n"))
		counts[first] = len(sqls)
	}
	const want = 6 // the cases, then their persons, flags, notes, actions and history
	if counts[5] != want || counts[30] != want {
		t.Fatalf("queries: page of 5 = %d, page of 30 = %d; want %d for both", counts[5], counts[30], want)
	}
}

// TestJobMatchesPageQueryCount: the job matches of a page of persons cost
// the same number of queries for 5 persons as for 30.
func TestJobMatchesPageQueryCount(t *testing.T) {
	t.Parallel()
	counter := &queryCounter{}
	store := dbtest.NewWithTracer(t, counter)
	f := fixtures{t, store}
	for i := range 30 {
		f.full(fmt.Sprintf("人%03d", i), fmt.Sprintf("330824106%03d", i))
	}
	c := newAPI(t, store).as(admin)
	const q = `query($first: Int!) { persons(first: $first) { edges { node { id jobMatches(first: 3) { score } } } } }`
	counts := map[int]int{}
	for _, first := range []int{5, 30, 5} {
		counter.reset()
		var out struct {
			Persons struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		mustQuery(t, c, q, &out, client.Var("first", first))
		if len(out.Persons.Edges) != first {
			t.Fatalf("page of %d: %d persons", first, len(out.Persons.Edges))
		}
		sqls := counter.reset()
		t.Logf("page of %d persons: %d queries:\n%s", first, len(sqls), strings.Join(sqls, "\n"))
		counts[first] = len(sqls)
	}
	if counts[5] != counts[30] {
		t.Fatalf("queries: page of 5 = %d, page of 30 = %d: the cost grows with the page", counts[5], counts[30])
	}
}

package resolvers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

func TestPersonByID(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	survivor := f.full("王五", "330824106001")
	merged := f.person("王伍", "330824106001")
	f.merge(merged, survivor)
	elsewhere := f.person("李四", "341103100")
	a := newAPI(t, store)
	analyst := auth.Principal{TokenID: 2, Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	tests := []struct {
		name string
		as   auth.Principal
		id   string
		want string // "" for null
	}{
		{"survivor", admin, fmt.Sprint(survivor), fmt.Sprint(survivor)},
		{"merged id resolves to survivor", admin, fmt.Sprint(merged), fmt.Sprint(survivor)},
		{"unknown", admin, "999999", ""},
		{"not a number", admin, "abc", ""},
		{"analyst in region", analyst, fmt.Sprint(merged), fmt.Sprint(survivor)},
		{"analyst outside region", analyst, fmt.Sprint(elsewhere), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out struct {
				Person *struct {
					ID          string
					Departments []string
					MergedInto  *struct{ ID string }
				}
			}
			mustQuery(t, a.as(tt.as), `query($id: ID!) { person(id: $id) { id departments mergedInto { id } } }`,
				&out, client.Var("id", tt.id))
			got := ""
			if out.Person != nil {
				got = out.Person.ID
				if out.Person.MergedInto != nil {
					t.Errorf("survivor has mergedInto %v", out.Person.MergedInto)
				}
			}
			if got != tt.want {
				t.Fatalf("person(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestPersonsPagination(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	var all, county, zhang []string
	for i := range 23 {
		region, name := "330824106", "王"
		if i%3 == 0 {
			region = "341103100"
		}
		if i%4 == 0 {
			name = "张"
		}
		id := fmt.Sprint(f.person(name+fmt.Sprint(i), region))
		all = append(all, id)
		if region == "330824106" {
			county = append(county, id)
		}
		if name == "张" {
			zhang = append(zhang, id)
		}
	}
	f.merge(f.person("王旧", "330824106"), 1) // merged persons are never listed
	c := newAPI(t, store).as(admin)
	tests := []struct {
		name   string
		filter map[string]any
		first  int
		want   []string
	}{
		{"all in pages of 5", nil, 5, all},
		{"all in one page", nil, 100, all},
		{"region prefix", map[string]any{"regionPrefix": "330824"}, 4, county},
		{"name prefix", map[string]any{"name": "张"}, 2, zhang},
		{"no match", map[string]any{"hasDepartments": []string{"VETERAN"}}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := allPersonPages(t, c, tt.filter, tt.first); !slices.Equal(got, tt.want) {
				t.Fatalf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

// allPersonPages follows the persons cursors to the end.
func allPersonPages(t *testing.T, c *client.Client, filter map[string]any, first int) []string {
	t.Helper()
	var ids []string
	var after *string
	for pages := 0; pages < 50; pages++ {
		var out struct {
			Persons struct {
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		mustQuery(t, c, `query($f: PersonFilter, $first: Int, $after: String) {
			persons(filter: $f, first: $first, after: $after) {
				edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, &out,
			client.Var("f", filter), client.Var("first", first), client.Var("after", after))
		if len(out.Persons.Edges) > first {
			t.Fatalf("page of %d, asked for %d", len(out.Persons.Edges), first)
		}
		for _, e := range out.Persons.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !out.Persons.PageInfo.HasNextPage {
			return ids
		}
		after = out.Persons.PageInfo.EndCursor
	}
	t.Fatal("no last page")
	return nil
}

func TestPersonsBadArguments(t *testing.T) {
	t.Parallel()
	c := newAPI(t, dbtest.New(t)).as(admin)
	tests := []struct {
		name, query, field string
	}{
		{"first zero", `{ persons(first: 0) { pageInfo { hasNextPage } } }`, "first"},
		{"first too big", `{ persons(first: 101) { pageInfo { hasNextPage } } }`, "first"},
		{"foreign cursor", `{ persons(after: "bm9wZQ") { pageInfo { hasNextPage } } }`, "after"},
		{"region prefix letters", `{ persons(filter: {regionPrefix: "33x"}) { pageInfo { hasNextPage } } }`, "filter.regionPrefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs := query(t, c, tt.query, nil)
			if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || errs[0].Extensions["field"] != tt.field {
				t.Fatalf("errors = %+v, want one BAD_USER_INPUT for %s", errs, tt.field)
			}
		})
	}
}

// TestPersonByIDRecords checks person(id) with its records, which come with
// the person in one round trip: the records follow the survivor of a merged
// id, and the scope applies to the person and to each record.
func TestPersonByIDRecords(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	survivor := f.person("王五", "330824106001")
	f.record("VETERAN", "v-1", survivor, "330824106", veteranAttrs)
	f.record("CIVIL", "c-1", survivor, "341103100", civilAttrs)
	f.record("HEALTH", "h-1", survivor, "330824107", healthAttrs)
	merged := f.person("王伍", "330824106001")
	f.merge(merged, survivor)
	a := newAPI(t, store)
	tests := []struct {
		name string
		as   auth.Principal
		want string // "veteran civil health | records", "" for null
	}{
		{"admin", admin, "v-1 c-1 h-1 | CIVIL c-1 HEALTH h-1 VETERAN v-1"},
		{"analyst: records of the region only", auth.Principal{TokenID: 2, Role: auth.RoleAnalyst, Regions: []string{"330824"}},
			"v-1 - h-1 | HEALTH h-1 VETERAN v-1"},
		{"analyst: person out of region", auth.Principal{TokenID: 3, Role: auth.RoleAnalyst, Regions: []string{"341103"}}, ""},
	}
	for _, tt := range tests {
		for _, id := range []int64{survivor, merged} {
			t.Run(fmt.Sprintf("%s/%d", tt.name, id), func(t *testing.T) {
				t.Parallel()
				var out struct{ Person *personRecordsOut }
				mustQuery(t, a.as(tt.as), `query($id: ID!) { person(id: $id) {
					veteran { sourceId skills } civil { sourceId dibaoStatus } health { sourceId outOfPocket }
					records { department sourceId } } }`, &out, client.Var("id", fmt.Sprint(id)))
				if got := out.Person.String(); got != tt.want {
					t.Fatalf("person(%d) = %q, want %q", id, got, tt.want)
				}
			})
		}
	}
}

type personRecordsOut struct {
	Veteran, Civil, Health *struct{ SourceID string }
	Records                []struct{ Department, SourceID string }
}

// String is "veteran civil health | records", "-" for a null record and ""
// for a null person.
func (p *personRecordsOut) String() string {
	if p == nil {
		return ""
	}
	var parts []string
	for _, r := range []*struct{ SourceID string }{p.Veteran, p.Civil, p.Health} {
		if r == nil {
			parts = append(parts, "-")
		} else {
			parts = append(parts, r.SourceID)
		}
	}
	parts = append(parts, "|")
	for _, r := range p.Records {
		parts = append(parts, r.Department, r.SourceID)
	}
	return strings.Join(parts, " ")
}

package resolvers_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

type changePage struct {
	Changes struct {
		Edges []struct {
			Cursor string
			Node   struct {
				SourceID string
				Kind     string
				Record   *struct{ SourceID string }
				Posting  *struct{ SourceID string }
			}
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
}

const changesQuery = `query($after: String, $first: Int, $d: Department) {
	changes(after: $after, first: $first, department: $d) {
		edges { cursor node { sourceId kind record { sourceId } posting { sourceId } } }
		pageInfo { hasNextPage endCursor } } }`

// readChanges reads the feed after *after until want source ids arrived or
// time runs out, advancing *after like an integrator would. Other tests'
// transactions on the same server can hold the feed back for a moment, so
// it polls; it never tolerates a change out of order.
func readChanges(t *testing.T, c *client.Client, after **string, want int) []string {
	t.Helper()
	var got []string
	for deadline := time.Now().Add(10 * time.Second); len(got) < want && time.Now().Before(deadline); {
		var page changePage
		mustQuery(t, c, changesQuery, &page, client.Var("after", *after), client.Var("first", 2))
		for _, e := range page.Changes.Edges {
			got = append(got, e.Node.SourceID)
		}
		*after = page.Changes.PageInfo.EndCursor
		if len(page.Changes.Edges) == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	return got
}

// TestChangesNeverSkipAnOpenTransaction is the feed's core guarantee: a
// change written by a transaction still open is not returned, and once it
// commits it comes after the cursor the reader got meanwhile.
func TestChangesNeverSkipAnOpenTransaction(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	ctx := context.Background()
	c := newAPI(t, store).as(admin)

	f.change("RECORD", "VETERAN", "before", 1)
	slow, err := store.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback(ctx)
	if _, err := slow.Exec(ctx, `INSERT INTO changes (kind, op, department, source_id, record_id)
		VALUES ('RECORD', 'CREATED', 'CIVIL', 'slow', 2)`); err != nil {
		t.Fatal(err)
	}
	f.change("RECORD", "HEALTH", "fast", 3) // commits after slow began, with a higher txid

	var after *string
	if got := readChanges(t, c, &after, 1); !slices.Equal(got, []string{"before"}) {
		t.Fatalf("while slow is open: %v, want [before]", got)
	}
	// Nothing newer than the open transaction may show, however often we ask.
	for range 5 {
		var page changePage
		mustQuery(t, c, changesQuery, &page, client.Var("after", after))
		if n := len(page.Changes.Edges); n != 0 {
			t.Fatalf("while slow is open: %d changes after the cursor", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := slow.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := readChanges(t, c, &after, 2); !slices.Equal(got, []string{"slow", "fast"}) {
		t.Fatalf("after commit, from the old cursor: %v, want [slow fast]", got)
	}
}

func TestChangesScopeAndLinks(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("吴", "330824106")
	vet := f.record("VETERAN", "v-1", p, "330824106", veteranAttrs)
	civ := f.record("CIVIL", "c-1", p, "341103100", civilAttrs)
	job := f.id(`INSERT INTO job_postings (source_id, source_version, as_of, employer, title, region_code, raw, content_hash)
		VALUES ('j-1', 1, '2024-05-01', '某公司', '保安', '330824', '{}', '\x00') RETURNING id`)
	f.change("RECORD", "VETERAN", "v-1", vet)
	f.change("RECORD", "CIVIL", "c-1", civ)
	f.change("JOB", "JOBS", "j-1", job)
	a := newAPI(t, store)
	tests := []struct {
		name string
		as   auth.Principal
		dept string
		want []string
	}{
		{"admin", admin, "", []string{"v-1 RECORD v-1 -", "c-1 RECORD c-1 -", "j-1 JOB - j-1"}},
		{"admin filters department", admin, "CIVIL", []string{"c-1 RECORD c-1 -"}},
		{"integrator sees its department", auth.Principal{Role: auth.RoleIntegrator, Department: "VETERAN"}, "", []string{"v-1 RECORD v-1 -"}},
		{"integrator asks for another", auth.Principal{Role: auth.RoleIntegrator, Department: "VETERAN"}, "CIVIL", nil},
		{"analyst by record region", auth.Principal{Role: auth.RoleAnalyst, Regions: []string{"330824"}}, "", []string{"v-1 RECORD v-1 -", "j-1 JOB - j-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := changeSummaries(t, a.as(tt.as), tt.dept)
			// Other tests' transactions can hold the feed back for a moment.
			for deadline := time.Now().Add(10 * time.Second); len(got) < len(tt.want) && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
				got = changeSummaries(t, a.as(tt.as), tt.dept)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("changes = %q, want %q", got, tt.want)
			}
		})
	}
}

// changeSummaries reads the first page: "sourceId kind record posting".
func changeSummaries(t *testing.T, c *client.Client, dept string) []string {
	var page changePage
	vars := []client.Option{}
	if dept != "" {
		vars = append(vars, client.Var("d", dept))
	}
	mustQuery(t, c, changesQuery, &page, vars...)
	var out []string
	for _, e := range page.Changes.Edges {
		rec, post := "-", "-"
		if e.Node.Record != nil {
			rec = e.Node.Record.SourceID
		}
		if e.Node.Posting != nil {
			post = e.Node.Posting.SourceID
		}
		out = append(out, e.Node.SourceID+" "+e.Node.Kind+" "+rec+" "+post)
	}
	return out
}

func TestChangesBadArguments(t *testing.T) {
	t.Parallel()
	c := newAPI(t, dbtest.New(t)).as(admin)
	for _, q := range []string{
		`{ changes(first: 0) { pageInfo { hasNextPage } } }`,
		`{ changes(first: 1001) { pageInfo { hasNextPage } } }`,
		`{ changes(after: "cGVyc29uOjE") { pageInfo { hasNextPage } } }`, // a persons cursor
	} {
		if errs := query(t, c, q, nil); len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("%s: errors = %+v, want BAD_USER_INPUT", q, errs)
		}
	}
}

// TestChangesOfIngestedRecords reads the feed of records written through
// the API, one change a page: each created record is a RECORD and a LINK
// change (stored as one row), and a cursor between the two resumes with the
// LINK change.
func TestChangesOfIngestedRecords(t *testing.T) {
	t.Parallel()
	a := newIngestAPI(t)
	civil := a.as(auth.Principal{TokenID: 2, Role: auth.RoleIntegrator, Department: "CIVIL"})
	var out upsertPayload
	mustQuery(t, civil, upsertCivil, &out, client.Var("records", []map[string]any{civilInput("MZ-1", 1, nil), civilInput("MZ-2", 1, nil)}))
	var got []string
	var after *string
	for deadline := time.Now().Add(10 * time.Second); len(got) < 4 && time.Now().Before(deadline); {
		var page changePage
		mustQuery(t, civil, changesQuery, &page, client.Var("after", after), client.Var("first", 1))
		for _, e := range page.Changes.Edges {
			got = append(got, e.Node.Kind+" "+e.Node.SourceID+" "+e.Node.Record.SourceID)
			after = &e.Cursor
		}
		if len(page.Changes.Edges) == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	want := []string{"RECORD MZ-1 MZ-1", "LINK MZ-1 MZ-1", "RECORD MZ-2 MZ-2", "LINK MZ-2 MZ-2"}
	if !slices.Equal(got, want) {
		t.Fatalf("changes = %q, want %q", got, want)
	}
	var page changePage
	mustQuery(t, civil, changesQuery, &page, client.Var("after", after))
	if len(page.Changes.Edges) != 0 || page.Changes.PageInfo.HasNextPage {
		t.Fatalf("after the last change: %d more, hasNextPage %v", len(page.Changes.Edges), page.Changes.PageInfo.HasNextPage)
	}
}

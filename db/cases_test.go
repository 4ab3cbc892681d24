package db_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// edit is an analyst's edit of a case read at version.
func edit(version int) db.CaseEdit {
	return db.CaseEdit{ExpectedVersion: version, By: "analyst-kh", Audit: db.AuditEntry{
		ActorTokenID: 7, Actor: "analyst-kh", Role: "ANALYST", Fields: []string{"Mutation.test"}, RequestID: "req-1"}}
}

// openCase stores a person of region with one flag and returns its case.
func openCase(t *testing.T, store *db.Store, region string) db.Case {
	t.Helper()
	p := fixtures{t, store}.person("甲", region)
	opened := replace(t, store, []int64{p}, flagOf(p, "income", "MEDIUM", "a"))
	c, err := store.CaseGet(context.Background(), db.Scope{}, opened[0])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCaseStateMachine(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	c := openCase(t, store, "330824106001")
	steps := []struct {
		to      string
		allowed bool
	}{
		{db.CaseClosed, false},
		{db.CaseAssistancePlanned, false},
		{db.CaseDismissed, false}, // only through CaseDismiss
		{db.CaseInReview, true},
		{db.CaseOpen, false},
		{db.CaseAssistancePlanned, true},
		{db.CaseClosed, true},
		{db.CaseInReview, false},
	}
	for _, s := range steps {
		got, err := store.CaseTransition(ctx, db.Scope{}, c.ID, s.to, edit(c.Version))
		var state *db.CaseStateError
		switch {
		case s.allowed && err != nil:
			t.Fatalf("%s → %s: %v", c.Status, s.to, err)
		case !s.allowed && !errors.As(err, &state):
			t.Fatalf("%s → %s: err %v, want a *CaseStateError", c.Status, s.to, err)
		case s.allowed:
			if got.Status != s.to || got.Version != c.Version+1 {
				t.Fatalf("after → %s: %+v", s.to, got)
			}
			c = got
		}
	}
	if c.ClosedAt == nil {
		t.Fatal("closed case without closedAt")
	}
	if _, err := store.CaseDismiss(ctx, db.Scope{}, c.ID, "x", edit(c.Version)); err == nil {
		t.Fatal("dismissed a closed case")
	}
	if _, err := store.CaseAssign(ctx, db.Scope{}, c.ID, "someone", edit(c.Version)); err == nil {
		t.Fatal("assigned a closed case")
	}
	if _, err := store.CaseNoteAdd(ctx, db.Scope{}, c.ID, "后续回访", edit(c.Version)); err != nil {
		t.Fatalf("note on a closed case: %v", err)
	}
}

func TestCaseEditConflicts(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	c := openCase(t, store, "330824106001")
	if _, err := store.CaseAssign(ctx, db.Scope{}, c.ID, "王芳", edit(c.Version)); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	_, err := store.CaseDueDateSet(ctx, db.Scope{}, c.ID, &due, edit(c.Version))
	var version *db.CaseVersionError
	if !errors.As(err, &version) || !errors.Is(err, db.ErrConflict) || version.Current != c.Version+1 {
		t.Fatalf("stale edit: err %v, want a *CaseVersionError wrapping ErrConflict", err)
	}
	got, _ := store.CaseGet(ctx, db.Scope{}, c.ID)
	if got.DueDate != nil || got.Assignee == nil || *got.Assignee != "王芳" || got.Version != c.Version+1 {
		t.Fatalf("case = %+v: the stale edit must change nothing", got)
	}
}

func TestCaseEditsAreAuditedAndKeptInHistory(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	c := openCase(t, store, "330824106001")
	amount := 800.0
	c, err := store.CaseActionAdd(ctx, db.Scope{}, c.ID, db.CaseAction{Kind: db.ActionTemporaryAssistance, Amount: &amount}, edit(c.Version))
	if err != nil {
		t.Fatal(err)
	}
	if c, err = store.CaseNoteAdd(ctx, db.Scope{}, c.ID, "已电话联系", edit(c.Version)); err != nil {
		t.Fatal(err)
	}
	rows, _ := store.Pool.Query(ctx, `SELECT detail FROM audit_log WHERE person_id = $1 AND action = 'WRITE'
		AND actor = 'analyst-kh' AND request_id = 'req-1' ORDER BY id`, c.PersonID)
	var details []string
	for rows.Next() {
		var d string
		rows.Scan(&d)
		details = append(details, d)
	}
	if len(details) != 2 || details[0] == "" {
		t.Fatalf("audit details %q: want one entry per edit", details)
	}
	events, _ := store.CaseEvents(ctx, []int64{c.ID})
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	if !slices.Equal(kinds, []string{"OPENED", "ACTION", "NOTE"}) {
		t.Fatalf("history %v", kinds)
	}
	actions, _ := store.CaseActions(ctx, []int64{c.ID})
	notes, _ := store.CaseNotes(ctx, []int64{c.ID})
	if len(actions) != 1 || *actions[0].Amount != 800 || actions[0].CreatedBy != "analyst-kh" || len(notes) != 1 {
		t.Fatalf("actions %+v, notes %+v", actions, notes)
	}
}

func TestCasesAssignIsAllOrNothing(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	mine, other := openCase(t, store, "330824106001"), openCase(t, store, "341103100001")
	analyst := db.Scope{Regions: []string{"330824"}}
	if _, err := store.CasesAssign(ctx, analyst, []int64{mine.ID, other.ID}, "王芳", "lead", edit(0).Audit); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("assigning a case out of scope: err %v, want ErrNotFound", err)
	}
	if got, _ := store.CaseGet(ctx, db.Scope{}, mine.ID); got.Assignee != nil {
		t.Fatalf("partly assigned: %+v", got)
	}
	got, err := store.CasesAssign(ctx, db.Scope{}, []int64{mine.ID, other.ID}, "王芳", "lead", edit(0).Audit)
	if err != nil || len(got) != 2 || *got[1].Assignee != "王芳" || got[1].Version != 2 {
		t.Fatalf("assign: %+v, %v", got, err)
	}
}

func TestCaseScope(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	c := openCase(t, store, "341103100001")
	for name, scope := range map[string]db.Scope{
		"analyst of another region": {Regions: []string{"330824"}},
		"dashboard":                 {Aggregate: true},
		"integrator":                {Department: "CIVIL"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := store.CaseGet(ctx, scope, c.ID); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("get: %v, want ErrNotFound", err)
			}
			if list, _, err := store.CaseList(ctx, scope, db.CaseFilter{}, db.CaseSortNewest, 10, nil); err != nil || len(list) != 0 {
				t.Errorf("list: %v, %v; want none", list, err)
			}
			if _, err := store.CaseAssign(ctx, scope, c.ID, "x", edit(c.Version)); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("assign: %v, want ErrNotFound", err)
			}
		})
	}
	if list, _, _ := store.CaseList(ctx, db.Scope{Regions: []string{"341103"}}, db.CaseFilter{}, db.CaseSortNewest, 10, nil); len(list) != 1 {
		t.Fatalf("analyst of the region sees %d cases, want 1", len(list))
	}
}

package db_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// flagOf is a flag with sensible defaults; fp is its evidence fingerprint.
func flagOf(person int64, rule, priority, fp string) db.FlagRow {
	return db.FlagRow{PersonID: person, Rule: rule, RuleSetVersion: "2026.1", Category: "INCOME",
		Priority: priority, Score: 0.8, Fingerprint: fp,
		Evidence:      json.RawMessage(`[{"department":"CIVIL","sourceId":"c-1","field":"perCapitaMonthlyIncome","value":"600","threshold":"800","asOf":"2026-01-01"}]`),
		ExplanationZH: "人均收入低于低保线", ExplanationEN: "income below the dibao line"}
}

// replace runs FlagsReplace in a transaction of its own and returns the
// opened case ids.
func replace(t *testing.T, store *db.Store, persons []int64, flags ...db.FlagRow) []int64 {
	t.Helper()
	return replaceChanged(t, store, persons, flags...).Opened
}

// replaceChanged runs FlagsReplace in a transaction of its own and returns
// the cases it opened and updated.
func replaceChanged(t *testing.T, store *db.Store, persons []int64, flags ...db.FlagRow) db.CasesChanged {
	t.Helper()
	var changed db.CasesChanged
	err := pgx.BeginFunc(context.Background(), store.Pool, func(tx pgx.Tx) error {
		var err error
		changed, err = db.FlagsReplace(context.Background(), tx, persons, flags)
		return err
	})
	if err != nil {
		t.Fatalf("flags replace: %v", err)
	}
	return changed
}

// snapshot is every flag, case and case event, as text, to compare states.
func snapshot(t *testing.T, store *db.Store) string {
	t.Helper()
	var s string
	err := store.Pool.QueryRow(context.Background(), `SELECT
		(SELECT coalesce(string_agg(f::text, '|' ORDER BY person_id, rule), '') FROM hardship_flags f) || '#' ||
		(SELECT coalesce(string_agg(c::text, '|' ORDER BY id), '') FROM cases c) || '#' ||
		(SELECT coalesce(string_agg(e::text, '|' ORDER BY id), '') FROM case_events e)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func activeCases(t *testing.T, store *db.Store, person int64) int {
	t.Helper()
	var n int
	store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM cases
		WHERE person_id = $1 AND status NOT IN ('CLOSED', 'DISMISSED')`, person).Scan(&n)
	return n
}

func TestFlagsReplaceIsIdempotent(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p, q := f.person("甲", "330824106001"), f.person("乙", "330824106002")
	flags := []db.FlagRow{flagOf(p, "income", "MEDIUM", "a"), flagOf(p, "medical", "HIGH", "b"), flagOf(q, "alone", "LOW", "c")}
	opened := replace(t, store, []int64{q, p}, flags...)
	if len(opened) != 2 || opened[0] >= opened[1] {
		t.Fatalf("opened %v: want two cases, ascending", opened)
	}
	c, err := store.CaseGet(context.Background(), db.Scope{}, opened[0])
	if err != nil || c.PersonID != p || c.Priority != "HIGH" || c.Status != db.CaseOpen || c.RegionCode != "330824106001" {
		t.Fatalf("case = %+v, %v: want person %d's, HIGH (its strongest flag), OPEN", c, err, p)
	}
	before := snapshot(t, store)
	if again := replace(t, store, []int64{p, q}, flags[2], flags[1], flags[0]); len(again) != 0 {
		t.Fatalf("second call opened %v", again)
	}
	if after := snapshot(t, store); after != before {
		t.Fatalf("second call changed the tables:\n%s\n%s", before, after)
	}
}

func TestFlagsReplaceUpdatesTheOpenCase(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := fixtures{t, store}.person("甲", "330824106001")
	first := replace(t, store, []int64{p}, flagOf(p, "income", "LOW", "a"))
	if again := replaceChanged(t, store, []int64{p}, flagOf(p, "medical", "HIGH", "b")); len(again.Opened) != 0 ||
		len(again.Updated) != 1 || again.Updated[0] != first[0] {
		t.Fatalf("opened %v, updated %v: want case %d updated", again.Opened, again.Updated, first[0])
	}
	c, _ := store.CaseGet(context.Background(), db.Scope{}, first[0])
	if c.Priority != "HIGH" || c.Version != 2 || activeCases(t, store, p) != 1 {
		t.Fatalf("case = %+v, %d active: want one, HIGH, version 2", c, activeCases(t, store, p))
	}
	flags, _ := store.FlagsOf(context.Background(), []int64{p})
	if len(flags) != 1 || flags[0].Rule != "medical" {
		t.Fatalf("flags = %+v: want only medical", flags)
	}
	replace(t, store, []int64{p})
	if flags, _ := store.FlagsOf(context.Background(), []int64{p}); len(flags) != 0 || activeCases(t, store, p) != 1 {
		t.Fatalf("after no flags: %d flags, %d cases; want none, the case kept", len(flags), activeCases(t, store, p))
	}
}

func TestFlagsReplaceConcurrentOpensOneCase(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := fixtures{t, store}.person("甲", "330824106001")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			err := pgx.BeginFunc(context.Background(), store.Pool, func(tx pgx.Tx) error {
				_, err := db.FlagsReplace(context.Background(), tx, []int64{p}, []db.FlagRow{flagOf(p, "income", "LOW", fmt.Sprint(i))})
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var n int
	store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM cases WHERE person_id = $1`, p).Scan(&n)
	if n != 1 {
		t.Fatalf("%d cases, want 1", n)
	}
}

func TestDismissedCaseReturnsOnlyOnNewEvidence(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := fixtures{t, store}.person("甲", "330824106001")
	flags := []db.FlagRow{flagOf(p, "income", "LOW", "a"), flagOf(p, "alone", "LOW", "b")}
	opened := replace(t, store, []int64{p}, flags...)
	if _, err := store.CaseDismiss(context.Background(), db.Scope{}, opened[0], "家访核实：已有子女赡养", edit(1)); err != nil {
		t.Fatal(err)
	}
	if again := replace(t, store, []int64{p}, flags[1], flags[0]); len(again) != 0 {
		t.Fatalf("same evidence reopened %v", again)
	}
	if fewer := replace(t, store, []int64{p}, flags[0]); len(fewer) != 1 {
		t.Fatalf("changed evidence opened %v, want one case", fewer)
	}
}

func TestFlagsReplaceRefusesBadFlags(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := fixtures{t, store}.person("甲", "330824106001")
	bad := map[string][]db.FlagRow{
		"unknown priority": {flagOf(p, "income", "URGENT", "a")},
		"person not given": {flagOf(p+1, "income", "LOW", "a")},
		"rule twice":       {flagOf(p, "income", "LOW", "a"), flagOf(p, "income", "HIGH", "b")},
		"no fingerprint":   {flagOf(p, "income", "LOW", "")},
		"evidence not json": {func() db.FlagRow {
			f := flagOf(p, "income", "LOW", "a")
			f.Evidence = json.RawMessage(`[{`)
			return f
		}()},
	}
	for name, flags := range bad {
		t.Run(name, func(t *testing.T) {
			err := pgx.BeginFunc(context.Background(), store.Pool, func(tx pgx.Tx) error {
				_, err := db.FlagsReplace(context.Background(), tx, []int64{p}, flags)
				return err
			})
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if s := snapshot(t, store); s != "##" {
		t.Fatalf("stored %s", s)
	}
}

// Help given and the case closed: the same evidence does not reopen it.
func TestClosedCaseReturnsOnlyOnNewEvidence(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	p := fixtures{t, store}.person("乙", "330824106001")
	flags := []db.FlagRow{flagOf(p, "income", "LOW", "a")}
	id := replace(t, store, []int64{p}, flags...)[0]
	for v, status := range []string{"IN_REVIEW", "ASSISTANCE_PLANNED", "CLOSED"} {
		if _, err := store.CaseTransition(ctx, db.Scope{}, id, status, edit(v+1)); err != nil {
			t.Fatal(err)
		}
	}
	if again := replace(t, store, []int64{p}, flags...); len(again) != 0 {
		t.Fatalf("the evidence the case was closed on reopened it: %v", again)
	}
	if changed := replace(t, store, []int64{p}, flagOf(p, "income", "LOW", "b")); len(changed) != 1 {
		t.Fatalf("new evidence opened %v, want one case", changed)
	}
}

// A page of many thousands of persons (a full re-evaluation, a bulk
// import's job) fits in PostgreSQL's lock table.
func TestFlagsReplaceManyPersons(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	persons := make([]int64, 20000)
	for i := range persons {
		persons[i] = int64(i + 1)
	}
	if opened := replace(t, store, persons); len(opened) != 0 {
		t.Fatalf("opened %v without flags", opened)
	}
}

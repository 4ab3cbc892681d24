package db_test

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/matching/fs"
)

const (
	idA = "330824199005011234"
	idB = "330824198802023456"
)

// manual is a store with helpers for the manual split and merge tests.
type manual struct {
	fixtures
	ctx context.Context
}

func newManual(t *testing.T) manual {
	return manual{fixtures{t, dbtest.New(t)}, context.Background()}
}

// keyed inserts a person keyed on key ("" for none).
func (m manual) keyed(region, key string) int64 {
	m.t.Helper()
	var k *string
	if key != "" {
		k = &key
	}
	return m.exec(`INSERT INTO persons (name, region_code, id_key) VALUES ('张三', $1, $2) RETURNING id`, region, k)
}

// rec inserts a record of person (version 3, linked at version 1) holding
// the valid ID number idNumber ("" for none).
func (m manual) rec(dept, sourceID string, person int64, region, idNumber string) int64 {
	m.t.Helper()
	var n *string
	if idNumber != "" {
		n = &idNumber
	}
	return m.exec(`INSERT INTO source_records (department, source_id, source_version, as_of, name, sex, birth_date,
			id_number, id_valid, region_code, raw, content_hash, person_id, link_method, linked_version)
		VALUES ($1, $2, 3, '2024-05-01', '张三', 'M', '1990-05-01', $3::text, $3::text IS NOT NULL, $4, '{}', '\x00', $5,
			'PROBABILISTIC', 1) RETURNING id`, dept, sourceID, n, region, person)
}

func (m manual) count(sql string, args ...any) int64 {
	m.t.Helper()
	return m.exec("SELECT count(*) FROM ("+sql+") q", args...)
}

func (m manual) decide(a, b int64, status string, probability float64) {
	m.t.Helper()
	m.exec(`INSERT INTO link_reviews (record_a, record_b, probability, evidence, status)
		VALUES (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), $4, '{"fields":[]}', $3) RETURNING id`,
		a, b, status, probability)
}

// person reads a person's key, merge and summary.
func (m manual) person(id int64) (key *string, into *int64, count int, departments []string) {
	m.t.Helper()
	err := m.store.Pool.QueryRow(m.ctx, `SELECT id_key, merged_into, record_count, departments FROM persons WHERE id = $1`, id).
		Scan(&key, &into, &count, &departments)
	if err != nil {
		m.t.Fatal(err)
	}
	return key, into, count, departments
}

// audited returns the persons of the audit entries of mutation, in id order.
func (m manual) audited(mutation string) []int64 {
	m.t.Helper()
	rows, _ := m.store.Pool.Query(m.ctx, `SELECT person_id FROM audit_log WHERE $1 = ANY(fields) AND purpose = 'case 9' ORDER BY person_id`, mutation)
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			m.t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		m.t.Fatal(err)
	}
	return out
}

func decision(mutation string) db.ManualLink {
	return db.ManualLink{By: "kh-analyst", Reason: "case 9", Audit: db.AuditEntry{ActorTokenID: 7, Actor: "kh-analyst",
		Role: "ANALYST", Action: db.AuditWrite, Fields: []string{"Mutation." + mutation}, Purpose: "case 9"}}
}

func pair(a, b int64) [2]int64 { return [2]int64{min(a, b), max(a, b)} }

func TestPersonSplit(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	p := m.keyed("330824106", idA)
	r1 := m.rec("VETERAN", "v-1", p, "330824106", idA)
	r2 := m.rec("CIVIL", "c-1", p, "330824106", idA) // the ID number given twice by mistake
	r3 := m.rec("HEALTH", "h-1", p, "330824106", "")
	r4 := m.rec("HEALTH", "h-2", p, "330824106", "")
	m.decide(r1, r2, db.ReviewSame, 0.8)      // earlier decisions the split overrules
	m.decide(r3, r4, db.ReviewDifferent, 0.6) // (one the moved records' pairs with r2 do not cover)
	moving := []int64{r2, r3, r4}
	for _, e := range [][2]int64{{r1, r2}, {r2, r1}, {r4, r3}} { // the linker's evidence: record, best match
		m.exec(`INSERT INTO link_evidence (record_id, evidence) VALUES ($1, json_build_object('with', $2::bigint)) RETURNING record_id`, e[0], e[1])
	}

	kept, split, err := m.store.PersonSplit(m.ctx, db.Scope{Regions: []string{"330824"}}, p, moving, decision("splitPerson"))
	if err != nil {
		t.Fatal(err)
	}
	if kept.ID != p || split.ID == p || kept.RecordCount != 1 || split.RecordCount != 3 {
		t.Fatalf("kept %+v, split %+v", kept, split)
	}
	if key, _, _, deps := m.person(p); key == nil || *key != idA || !slices.Equal(deps, []string{"VETERAN"}) {
		t.Errorf("person %d: key %v, departments %v: want the key it still holds, VETERAN only", p, key, deps)
	}
	if key, into, n, deps := m.person(split.ID); key != nil || into != nil || n != 3 || !slices.Equal(deps, []string{"CIVIL", "HEALTH"}) {
		t.Errorf("new person: key %v, merged %v, %d records, %v", key, into, n, deps)
	}
	moved := m.count(`SELECT 1 FROM source_records WHERE id = ANY($1) AND person_id = $2 AND link_method = 'MANUAL'
		AND linked_version = source_version AND linked_at IS NOT NULL`, moving, split.ID)
	changes := m.count(`SELECT 1 FROM changes WHERE kind = 'LINK' AND op = 'UPDATED' AND record_id = ANY($1) AND person_id = $2`,
		moving, split.ID)
	if moved != 3 || changes != 3 || m.count(`SELECT 1 FROM changes`) != 3 {
		t.Errorf("%d records moved as MANUAL, %d LINK changes: want 3 each and no other change", moved, changes)
	}
	same, different, err := m.store.LinkDecisions(m.ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(same, cmpPair)
	slices.SortFunc(different, cmpPair)
	if want := [][2]int64{pair(r2, r3), pair(r2, r4), pair(r3, r4)}; !slices.Equal(same, want) {
		t.Errorf("decided same %v, want %v", same, want)
	}
	if want := [][2]int64{pair(r1, r2), pair(r1, r3), pair(r1, r4)}; !slices.Equal(different, want) {
		t.Errorf("decided different %v, want %v", different, want)
	}
	if n := m.count(`SELECT 1 FROM link_reviews WHERE record_a = $1 AND record_b = $2 AND probability = 0.8
		AND resolved_by = 'kh-analyst' AND reason = 'case 9'`, min(r1, r2), max(r1, r2)); n != 1 {
		t.Errorf("the earlier decision on (%d, %d) did not take the split's, keeping its probability", r1, r2)
	}
	if n := m.count(`SELECT 1 FROM link_evidence WHERE record_id = ANY($1)`, []int64{r1, r2}); n != 0 {
		t.Errorf("%d evidence rows still explain a link across the split", n)
	}
	if n := m.count(`SELECT 1 FROM link_evidence WHERE record_id = $1`, r4); n != 1 {
		t.Error("the evidence between two moved records was dropped")
	}
	if got := m.audited("Mutation.splitPerson"); !slices.Equal(got, []int64{p, split.ID}) {
		t.Errorf("audit entries about %v, want %v", got, []int64{p, split.ID})
	}
}

func cmpPair(a, b [2]int64) int {
	if a[0] != b[0] {
		return cmp.Compare(a[0], b[0])
	}
	return cmp.Compare(a[1], b[1])
}

// The key goes with the moved records when none of the kept ones holds it.
func TestPersonSplitMovesTheKey(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	p := m.keyed("330824106", idA)
	r1 := m.rec("VETERAN", "v-1", p, "330824106", idA)
	m.rec("CIVIL", "c-1", p, "330824106", "")
	_, split, err := m.store.PersonSplit(m.ctx, db.Scope{}, p, []int64{r1}, decision("splitPerson"))
	if err != nil {
		t.Fatal(err)
	}
	if key, _, _, _ := m.person(p); key != nil {
		t.Errorf("person %d keeps key %s that only the moved record holds", p, *key)
	}
	if key, _, _, _ := m.person(split.ID); key == nil || *key != idA {
		t.Errorf("new person's key = %v, want %s", key, idA)
	}
	if split.IDNumber == nil || *split.IDNumber != idA {
		t.Errorf("new person's summary = %+v", split)
	}
}

// Batch linkage keeps a split: the decisions keep two records of one
// valid ID number apart, which it would otherwise join first of all.
func TestPersonSplitSurvivesBatchLinkage(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	p := m.keyed("330824106", idA)
	r1 := m.rec("VETERAN", "v-1", p, "330824106", idA)
	r2 := m.rec("CIVIL", "c-1", p, "330824106", idA)
	r3 := m.rec("HEALTH", "h-1", p, "330824106", "")
	if _, _, err := m.store.PersonSplit(m.ctx, db.Scope{}, p, []int64{r2, r3}, decision("splitPerson")); err != nil {
		t.Fatal(err)
	}
	rows, err := m.store.LinkRowsAll(m.ctx)
	if err != nil {
		t.Fatal(err)
	}
	recs := make([]fs.Record, len(rows))
	for i, r := range rows {
		recs[i] = fs.Record{ID: r.RecordID, Source: r.Department, Name: r.Name, IDNumber: r.IDNumber, IDValid: r.IDValid,
			Sex: r.Sex, Birth: r.Birth, Region: r.Region}
	}
	same, different, err := m.store.LinkDecisions(m.ctx)
	if err != nil {
		t.Fatal(err)
	}
	person := fs.Link(recs, fs.Options{MustLink: same, CannotLink: different}).Person
	if person[0] == person[1] || person[1] != person[2] || rows[0].RecordID != r1 {
		t.Errorf("batch linkage persons %v of records %d, %d, %d: want the split kept", person, r1, r2, r3)
	}
	if without := fs.Link(recs, fs.Options{}).Person; without[0] != without[1] {
		t.Errorf("without the decisions the records of one ID number stay apart: the test proves nothing")
	}
}

func TestPersonSplitRefuses(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	p := m.keyed("330824106", idA)
	r1 := m.rec("VETERAN", "v-1", p, "330824106", idA)
	r2 := m.rec("CIVIL", "c-1", p, "330824106", "")
	wide := m.keyed("330824106", "")
	w1 := m.rec("VETERAN", "v-2", wide, "330824106", "")
	m.rec("CIVIL", "c-2", wide, "341103100", "") // outside the analyst's regions
	gone := m.keyed("330824106", "")
	m.merge(gone, p)
	analyst := db.Scope{Regions: []string{"330824"}}
	var splitErr *db.SplitError
	var ref *db.PersonRefError
	tests := []struct {
		name    string
		scope   db.Scope
		person  int64
		records []int64
		is      func(error) bool
	}{
		{"every record", db.Scope{}, p, []int64{r1, r2}, func(err error) bool { return errors.As(err, &splitErr) }},
		{"another person's record", db.Scope{}, p, []int64{r1, w1}, func(err error) bool { return errors.As(err, &splitErr) }},
		{"a record out of scope", analyst, wide, []int64{w1}, func(err error) bool { return errors.Is(err, db.ErrNotFound) }},
		{"a merged person", db.Scope{}, gone, []int64{r1}, func(err error) bool {
			return errors.As(err, &ref) && errors.Is(err, db.ErrPersonMerged) && ref.Into == p
		}},
		{"no such person", db.Scope{}, 999999, []int64{r1}, func(err error) bool { return errors.Is(err, db.ErrNotFound) }},
	}
	for _, tt := range tests {
		_, _, err := m.store.PersonSplit(m.ctx, tt.scope, tt.person, tt.records, decision("splitPerson"))
		if err == nil || !tt.is(err) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	// The audit fails last, after every other write: all of them roll back.
	if _, _, err := m.store.PersonSplit(m.ctx, db.Scope{}, p, []int64{r2}, unauditable()); err == nil {
		t.Error("split with an audit entry that cannot be written: no error")
	}
	m.nothingWritten(4, 3)
}

// unauditable is a decision whose audit entry AuditAppend refuses.
func unauditable() db.ManualLink {
	d := decision("splitPerson")
	d.Audit.Action = "NOT_AN_ACTION"
	return d
}

// nothingWritten checks that refused splits and merges left no trace.
func (m manual) nothingWritten(records, persons int64) {
	m.t.Helper()
	if n := m.count(`SELECT 1 FROM persons`); n != persons {
		m.t.Errorf("%d persons, want the fixtures' %d", n, persons)
	}
	if n := m.count(`SELECT 1 FROM persons WHERE id_key IS NOT NULL`); n != m.count(`SELECT DISTINCT id_number FROM source_records WHERE id_valid`) {
		m.t.Errorf("%d keyed persons, want one per valid ID number", n)
	}
	if n := m.count(`SELECT 1 FROM source_records WHERE link_method = 'PROBABILISTIC' AND linked_version = 1`); n != records {
		m.t.Errorf("%d records left as they were, want %d", n, records)
	}
	for _, table := range []string{"changes", "link_reviews", "audit_log"} {
		if n := m.count(`SELECT 1 FROM ` + table); n != 0 {
			m.t.Errorf("%d rows in %s after refusals", n, table)
		}
	}
	if n := m.count(`SELECT 1 FROM persons WHERE merged_into IS NOT NULL`); n != 1 {
		m.t.Errorf("%d merged persons, want only the fixture's", n)
	}
}

func TestPersonsMerge(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	survivor := m.keyed("330824106", "")
	r1 := m.rec("VETERAN", "v-1", survivor, "330824106", "")
	keyed := m.keyed("330824106", idA)
	r2 := m.rec("CIVIL", "c-1", keyed, "330824106", idA)
	third := m.keyed("330824107", "")
	r3 := m.rec("HEALTH", "h-1", third, "330824107", "")
	r4 := m.rec("HEALTH", "h-2", third, "330824107", "")
	m.decide(r2, r4, db.ReviewDifferent, 0.7) // an earlier decision the merge overrules
	m.decide(r1, r3, db.ReviewOpen, 0.6)

	got, err := m.store.PersonsMerge(m.ctx, db.Scope{Regions: []string{"330824"}}, []int64{survivor, keyed, third}, decision("mergePersons"))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != survivor || got.RecordCount != 4 || got.IDNumber == nil || *got.IDNumber != idA {
		t.Fatalf("survivor = %+v", got)
	}
	if key, _, _, deps := m.person(survivor); key == nil || *key != idA || !slices.Equal(deps, []string{"CIVIL", "HEALTH", "VETERAN"}) {
		t.Errorf("survivor key %v, departments %v: want %s and all three", key, deps, idA)
	}
	for _, id := range []int64{keyed, third} {
		if key, into, n, _ := m.person(id); key != nil || into == nil || *into != survivor || n != 0 {
			t.Errorf("person %d: key %v, merged into %v, %d records: want retired into %d", id, key, into, n, survivor)
		}
	}
	moved := m.count(`SELECT 1 FROM source_records WHERE person_id = $1 AND link_method = 'MANUAL' AND linked_version = source_version`, survivor)
	changes := m.count(`SELECT 1 FROM changes WHERE kind = 'LINK' AND record_id = ANY($1) AND person_id = $2`, []int64{r2, r3, r4}, survivor)
	if moved != 3 || changes != 3 || m.count(`SELECT 1 FROM changes`) != 3 {
		t.Errorf("%d records moved as MANUAL, %d LINK changes: want 3 each, for the moved records only", moved, changes)
	}
	same, different, err := m.store.LinkDecisions(m.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][2]int64{pair(r1, r2), pair(r1, r3), pair(r2, r4)} {
		if !slices.Contains(same, want) {
			t.Errorf("decided same %v: %v missing", same, want)
		}
	}
	if len(different) != 0 || m.count(`SELECT 1 FROM link_reviews WHERE status = 'OPEN'`) != 0 {
		t.Errorf("decided different %v, or reviews left open, between records merged by hand", different)
	}
	if got := m.audited("Mutation.mergePersons"); !slices.Equal(got, []int64{survivor, keyed, third}) {
		t.Errorf("audit entries about %v", got)
	}
}

func TestPersonsMergeRefuses(t *testing.T) {
	t.Parallel()
	m := newManual(t)
	a := m.keyed("330824106", idA)
	m.rec("VETERAN", "v-1", a, "330824106", idA)
	b := m.keyed("330824106", idB)
	m.rec("CIVIL", "c-1", b, "330824106", idB)
	plain := m.keyed("330824106", "")
	m.rec("HEALTH", "h-1", plain, "330824106", "")
	wide := m.keyed("330824106", "")
	m.rec("HEALTH", "h-2", wide, "341103100", "")
	gone := m.keyed("330824106", "")
	m.merge(gone, plain)
	analyst := db.Scope{Regions: []string{"330824"}}
	var ref *db.PersonRefError
	tests := []struct {
		name  string
		scope db.Scope
		ids   []int64
		is    func(error) bool
	}{
		{"two ID numbers", db.Scope{}, []int64{plain, a, b}, func(err error) bool {
			return errors.Is(err, db.ErrIDConflict) && errors.Is(err, db.ErrConflict)
		}},
		{"a merged person", db.Scope{}, []int64{plain, gone}, func(err error) bool {
			return errors.As(err, &ref) && ref.ID == gone && ref.Into == plain && errors.Is(err, db.ErrPersonMerged)
		}},
		{"out of scope", analyst, []int64{plain, wide}, func(err error) bool {
			return errors.As(err, &ref) && ref.ID == wide && errors.Is(err, db.ErrNotFound)
		}},
		{"no such person", db.Scope{}, []int64{999999, plain}, func(err error) bool { return errors.Is(err, db.ErrNotFound) }},
		{"one person twice", db.Scope{}, []int64{plain, plain}, func(err error) bool { return err != nil }},
		{"one person", db.Scope{}, []int64{plain}, func(err error) bool { return err != nil }},
	}
	for _, tt := range tests {
		_, err := m.store.PersonsMerge(m.ctx, tt.scope, tt.ids, decision("mergePersons"))
		if err == nil || !tt.is(err) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	if _, err := m.store.PersonsMerge(m.ctx, db.Scope{}, []int64{plain, a}, unauditable()); err == nil {
		t.Error("merge with an audit entry that cannot be written: no error")
	}
	m.nothingWritten(4, 5)
}

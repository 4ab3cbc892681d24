package db_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// A batch linkage stores only what differs from what is stored: a key
// moving between persons, moves (a method change included) with their
// LINK changes, a new person, evidence added, changed and dropped, a
// retired person; the same plan again changes nothing.
func TestLinkAllApplyWritesWhatDiffers(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	f := fixtures{t, store}
	const k1, k2 = "110101199001011237", "110101199001011253"
	p1 := f.exec(`INSERT INTO persons (id_key) VALUES ($1) RETURNING id`, k1)
	p2 := f.exec(`INSERT INTO persons (id_key) VALUES ($1) RETURNING id`, k2)
	p3 := f.person("x", "110101")
	record := func(src, id string, person any, method string) int64 {
		return f.exec(`INSERT INTO source_records (department, source_id, source_version, as_of, name, id_number, id_valid,
				region_code, raw, content_hash, person_id, link_method)
			VALUES ('VETERAN', $1, 1, '2024-01-01', '王伟', nullif($2, ''), $2 <> '', '110101', '{}', '\x00', $3, nullif($4, ''))
			RETURNING id`, src, id, person, method)
	}
	r1 := record("a", k1, p1, "EXACT_ID")
	r2 := record("b", k2, p2, "EXACT_ID")
	r3 := record("c", "", p3, "SINGLETON")
	r4 := record("d", "", p3, "SINGLETON")
	f.exec(`INSERT INTO link_evidence VALUES ($1, '{"old":1}'), ($2, '{"old":3}'), ($3, '{"same":4}') RETURNING 1`, r1, r3, r4)

	rows, err := store.LinkRowsAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0].RecordID != r1 || rows[0].IDNumber != k1 || !rows[0].IDValid || rows[0].PersonKey != k1 ||
		rows[2].Name != "王伟" || rows[2].IDNumber != "" || rows[2].PersonID != p3 {
		t.Fatalf("rows read: %+v", rows)
	}
	plan := db.LinkAllPlan{Rows: rows,
		Person:   []int64{p1, p1, -1, p3},
		Method:   []string{"PROBABILISTIC", "PROBABILISTIC", "SINGLETON", "SINGLETON"},
		Key:      []string{k2, k2, "", ""},
		Evidence: [][]byte{[]byte(`{"new":1}`), []byte(`{"new":2}`), nil, []byte(`{"same":4}`)},
		Reviews:  []db.ReviewPair{{RecordA: r4, RecordB: r3, Probability: 0.7, Evidence: []byte(`{}`)}},
		New:      1, Retired: map[int64]int64{p2: p1}}
	st, err := store.LinkAllApply(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if st.Moved != 3 || st.Created != 1 || st.Retired != 1 {
		t.Fatalf("stats %+v, want 3 moved, 1 created, 1 retired", st)
	}
	var key1 *string
	var merged2 *int64
	var count1 int
	store.Pool.QueryRow(ctx, `SELECT id_key, record_count FROM persons WHERE id = $1`, p1).Scan(&key1, &count1)
	store.Pool.QueryRow(ctx, `SELECT merged_into FROM persons WHERE id = $1`, p2).Scan(&merged2)
	if key1 == nil || *key1 != k2 || count1 != 2 || merged2 == nil || *merged2 != p1 {
		t.Fatalf("person %d: key %v, %d records; person %d merged into %v", p1, key1, count1, p2, merged2)
	}
	var newPerson int64
	store.Pool.QueryRow(ctx, `SELECT person_id FROM source_records WHERE id = $1`, r3).Scan(&newPerson)
	if newPerson == p3 || newPerson == 0 {
		t.Fatalf("record %d stayed with person %d", r3, newPerson)
	}
	var evidence string
	store.Pool.QueryRow(ctx, `SELECT string_agg(record_id || evidence::text, ' ' ORDER BY record_id) FROM link_evidence`).Scan(&evidence)
	if want := fmt.Sprintf(`%d{"new":1} %d{"new":2} %d{"same":4}`, r1, r2, r4); evidence != want {
		t.Fatalf("evidence %s", evidence)
	}
	var links int
	store.Pool.QueryRow(ctx, `SELECT count(*) FROM changes WHERE kind = 'LINK'`).Scan(&links)
	if links != 3 {
		t.Fatalf("%d LINK changes, want 3", links)
	}

	plan.Rows, _ = store.LinkRowsAll(ctx)
	plan.Person[2], plan.New, plan.Retired = newPerson, 0, nil
	if st, err := store.LinkAllApply(ctx, plan); err != nil || st.Moved != 0 || st.Created != 0 {
		t.Fatalf("same plan again: %+v, %v", st, err)
	}

	record("e", "", nil, "")
	if _, err := store.LinkAllApply(ctx, plan); !errors.Is(err, db.ErrLinkAllStale) {
		t.Fatalf("a record written meanwhile: %v, want ErrLinkAllStale", err)
	}
}

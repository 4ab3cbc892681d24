package db_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// The reads scan rows by position for speed. These tests read a row whose
// columns all differ through the store and by column name, so a column list
// and its scanner that drift apart (two text columns swapped, say) fail.

func TestRecordScanMatchesColumns(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("吴", "330824106", "CIVIL")
	id := f.exec(`INSERT INTO source_records (department, source_id, source_version, as_of, name,
			id_number, id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs,
			raw, content_hash, person_id, link_method, linked_at, created_at, updated_at)
		VALUES ('CIVIL', 'c-9', 4, '2024-03-01', '吴一', '330824199001011234', true, 'checksum', 'F',
			'1990-01-01', '13800000000', '桐村镇1号', '330824106', '{"householdId": "h-1"}',
			'{}', '\x00', $1, 'EXACT', '2024-03-02 10:00+08', '2024-03-03 11:00+08', '2024-03-04 12:00+08')
		RETURNING id`, p)
	want := byName[db.SourceRecord](t, store, `SELECT id, department, source_id, source_version, as_of,
		name, id_number, id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs,
		person_id, link_method, linked_at, created_at, updated_at FROM source_records WHERE id = $1`, id)
	got, err := store.RecordsByPersonIDs(context.Background(), db.Scope{}, []int64{p})
	if err != nil || len(got) != 1 {
		t.Fatalf("records: %v, %v", got, err)
	}
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("scanned\n%+v\nby name\n%+v", got[0], want)
	}
}

func TestPersonScanMatchesColumns(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	into := f.person("郑", "330824106")
	id := f.exec(`INSERT INTO persons (name, sex, birth_date, id_number, region_code, departments,
			record_count, merged_into, created_at, updated_at)
		VALUES ('郑一', 'M', '1980-02-03', '330824198002031234', '330824107', '{VETERAN,HEALTH}',
			2, $1, '2024-03-03 11:00+08', '2024-03-04 12:00+08')
		RETURNING id`, into)
	want := byName[db.Person](t, store, `SELECT id, name, sex, birth_date, id_number, region_code,
		departments, record_count, merged_into, created_at, updated_at FROM persons WHERE id = $1`, id)
	got, err := store.PersonsByIDs(context.Background(), db.Scope{}, []int64{id})
	if err != nil || len(got) != 1 {
		t.Fatalf("persons: %v, %v", got, err)
	}
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("scanned\n%+v\nby name\n%+v", got[0], want)
	}
}

// byName reads the one row of sql into T by column name.
func byName[T any](t *testing.T, store *db.Store, sql string, args ...any) T {
	t.Helper()
	rows, _ := store.Pool.Query(context.Background(), sql, args...)
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByNameLax[T])
	if err != nil {
		t.Fatalf("by name: %v", err)
	}
	return v
}

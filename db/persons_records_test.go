package db_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// TestPersonGetWithRecords checks the one-statement read against the two
// reads it stands for, PersonGet and RecordsByPersonIDs of the survivor,
// across scopes, merges and persons without (in-scope) records.
func TestPersonGetWithRecords(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("孙", "330824106", "VETERAN", "CIVIL")
	f.record("VETERAN", "v1", p, "330824106", "2024-01-01", 9)
	f.record("VETERAN", "v2", p, "330824106", "2024-06-01", 1)
	f.record("CIVIL", "c1", p, "341103100", "2024-03-01", 1)
	merged := f.person("孙旧", "330824106", "VETERAN")
	f.merge(merged, p)
	bare := f.person("周", "341103100")
	tests := []struct {
		name    string
		scope   db.Scope
		id      int64
		records int // -1: not found
	}{
		{"all", db.Scope{}, p, 3},
		{"merged id", db.Scope{}, merged, 3},
		{"department scope", db.Scope{Department: "CIVIL"}, p, 1},
		{"region scope on records", db.Scope{Regions: []string{"330824"}}, p, 2},
		{"person out of scope", db.Scope{Regions: []string{"341103"}}, p, -1},
		{"department the person lacks", db.Scope{Department: "HEALTH"}, p, -1},
		{"no records", db.Scope{}, bare, 0},
		{"no records in scope", db.Scope{Regions: []string{"3411"}}, bare, 0},
		{"unknown", db.Scope{}, 424242, -1},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, records, err := store.PersonGetWithRecords(ctx, tt.scope, tt.id)
			want, wantErr := store.PersonGet(ctx, tt.scope, tt.id)
			if tt.records < 0 {
				if !errors.Is(err, db.ErrNotFound) || !errors.Is(wantErr, db.ErrNotFound) {
					t.Fatalf("errors %v and %v, want not found for both", err, wantErr)
				}
				return
			}
			if err != nil || wantErr != nil {
				t.Fatalf("errors %v, %v", err, wantErr)
			}
			wantRecords, err := store.RecordsByPersonIDs(ctx, tt.scope, []int64{want.ID})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(records, wantRecords) || len(records) != tt.records {
				t.Fatalf("got %+v with %d records %v\nwant %+v with %v (%d)", got, len(records), recordIDs(records),
					want, recordIDs(wantRecords), tt.records)
			}
		})
	}
}

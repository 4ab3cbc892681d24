package resolvers

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/vethub/vethub/db"
)

// TestRecordModel checks the per-operation memo: one model per record,
// whoever asks, and a record that fails to convert fails every time.
func TestRecordModel(t *testing.T) {
	ctx := withRecordModels(context.Background())
	good := db.SourceRecord{ID: 1, Department: "VETERAN", Attrs: json.RawMessage(`{"merits":["THIRD_CLASS"]}`)}
	bad := db.SourceRecord{ID: 2, Department: "CIVIL", Attrs: json.RawMessage(`{"householdSize":"three"}`)}
	first, err := recordModel(ctx, &good)
	if err != nil {
		t.Fatal(err)
	}
	again := good // another copy of the row, as a second loader read would give
	if second, err := recordModel(ctx, &again); err != nil || second != first {
		t.Fatalf("second conversion = %p, %v; want the first model %p", second, err, first)
	}
	for range 2 {
		if m, err := recordModel(ctx, &bad); err == nil {
			t.Fatalf("bad attrs converted to %+v", m)
		}
	}
	if other, _ := recordModel(withRecordModels(context.Background()), &good); other == first {
		t.Fatal("a new operation reused the model of another")
	}
}

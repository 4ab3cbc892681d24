package resolvers

import (
	"context"
	"fmt"
	"sync"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// recordModels holds the records an operation has converted, by id, so a
// record shown twice (as veteran and among records, say) has its attrs
// decoded once. The models are shared and must not be modified.
type recordModels struct {
	mu   sync.Mutex
	byID map[int64]model.SourceRecord
}

type recordModelsKey struct{}

// withRecordModels returns ctx with an empty memo for one operation.
func withRecordModels(ctx context.Context) context.Context {
	return context.WithValue(ctx, recordModelsKey{}, &recordModels{byID: map[int64]model.SourceRecord{}})
}

// recordModel returns the model of r (see sourceRecordFromRow), converted
// once per operation.
func recordModel(ctx context.Context, r *db.SourceRecord) (model.SourceRecord, error) {
	m, _ := ctx.Value(recordModelsKey{}).(*recordModels)
	if m == nil {
		return sourceRecordFromRow(r)
	}
	m.mu.Lock()
	out, ok := m.byID[r.ID]
	m.mu.Unlock()
	if ok {
		return out, nil
	}
	out, err := sourceRecordFromRow(r)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if first, ok := m.byID[r.ID]; ok {
		return first, nil // converted meanwhile: keep one model per record
	}
	m.byID[r.ID] = out
	return out, nil
}

// latestModel returns the model of the person's newest record of
// department, nil when there is none in scope.
func latestModel[M model.SourceRecord](ctx context.Context, personID int64, department string) (M, error) {
	var zero M
	rec, err := latestRecord(ctx, personID, department)
	if err != nil || rec == nil {
		return zero, err
	}
	out, err := recordModel(ctx, rec)
	if err != nil {
		return zero, err
	}
	m, ok := out.(M)
	if !ok {
		return zero, fmt.Errorf("record %d: %T is not the model of a %s record", rec.ID, out, department)
	}
	return m, nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/fs"
)

// saveModel stores the model a batch linkage trained, for the follow-up
// jobs that link new records to weigh them with.
func saveModel(ctx context.Context, store *db.Store, m *fs.Model, records int) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("link model: %w", err)
	}
	_, err = store.LinkModelSave(ctx, data, records)
	return err
}

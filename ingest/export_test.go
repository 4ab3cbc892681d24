package ingest

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
)

// StoreRecordsTx exposes the transactional body of Service.Records, so a
// test can fail the transaction after it.
func (s *Service) StoreRecordsTx(ctx context.Context, tx pgx.Tx, recs []feed.Record) ([]db.UpsertOutcome, int64, error) {
	return s.storeRecords(ctx, tx, recs)
}

package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// LinkModelSave stores a model batch linkage trained on records records;
// it becomes the one incremental linkage uses.
func (s *Store) LinkModelSave(ctx context.Context, model []byte, records int) (int64, error) {
	var id int64
	err := s.Pool.QueryRow(ctx, `INSERT INTO link_models (records, model) VALUES ($1, $2) RETURNING id`,
		records, string(model)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save link model: %w", err)
	}
	return id, nil
}

// LinkModelLatest returns the newest model's id, 0 when none was trained.
func LinkModelLatest(ctx context.Context, q DBTX) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM link_models ORDER BY id DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("latest link model: %w", err)
	}
	return id, nil
}

// LinkModel returns a stored model's JSON.
func LinkModel(ctx context.Context, q DBTX, id int64) ([]byte, error) {
	var model []byte
	if err := q.QueryRow(ctx, `SELECT model FROM link_models WHERE id = $1`, id).Scan(&model); err != nil {
		return nil, fmt.Errorf("link model %d: %w", id, err)
	}
	return model, nil
}

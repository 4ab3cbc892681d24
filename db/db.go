package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DBTX is what both a pool and a transaction offer, so the same query
// functions run inside or outside a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// Store is the hub's database: a pgx pool plus the query functions. It must
// not be copied after first use.
type Store struct {
	Pool    *pgxpool.Pool
	regions regionCache // the reference region table, served from memory
}

// Open connects to PostgreSQL at url and checks the connection. maxConns
// of 0 keeps pgx's default (max(4, CPUs)).
func Open(ctx context.Context, url string, maxConns int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "vethub"
	// Batches of 10,000 staged records sort and stage in memory with these;
	// the server defaults (4 MB, 8 MB) spill them to disk.
	cfg.ConnConfig.RuntimeParams["work_mem"] = "32MB"
	cfg.ConnConfig.RuntimeParams["temp_buffers"] = "64MB"
	// JIT compiling costs tens of milliseconds per large statement, more
	// than the short batch statements here run for.
	cfg.ConnConfig.RuntimeParams["jit"] = "off"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database connect: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database ping %s: %w", cfg.ConnConfig.Host, err)
	}
	return &Store{Pool: pool}, nil
}

// Close releases the pool.
func (s *Store) Close() { s.Pool.Close() }

// InTx runs fn in a transaction, committing when fn returns nil. A
// transaction PostgreSQL aborted to break a deadlock, or one that lost a
// race to store the same record, is run again (up to three times in all),
// so fn must be safe to repeat.
func (s *Store) InTx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.Pool, fn)
		if attempt == 3 || !retryable(err) {
			return err
		}
	}
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.Is(err, errWriteRaced) || errors.As(err, &pgErr) && pgErr.Code == "40P01"
}

// Package db owns vethub's PostgreSQL access: the pgx pool, the embedded
// migrations, every SQL statement (one file per table, noun-first names such
// as RecordsUpsert or PersonGet) and the per-request dataloaders. Driver
// errors are translated here once into ErrNotFound and ErrConflict; callers
// never see pgx types.
package db

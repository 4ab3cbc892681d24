-- +goose Up
-- A record's raw input and attrs are written only by ingest, which has
-- decoded every raw input and encoded every attrs document itself. As
-- json, PostgreSQL parsed both once more on every write to check them: a
-- twelfth of its time in a bulk import (json_recv). As text they hold the
-- same bytes, not checked twice; a query that needs JSON operators casts
-- (attrs::json). Job postings keep json: they are few.
ALTER TABLE source_records
    ALTER COLUMN raw TYPE text,
    ALTER COLUMN attrs DROP DEFAULT,
    ALTER COLUMN attrs TYPE text,
    ALTER COLUMN attrs SET DEFAULT '{}';

-- +goose Down
ALTER TABLE source_records
    ALTER COLUMN raw TYPE json USING raw::json,
    ALTER COLUMN attrs DROP DEFAULT,
    ALTER COLUMN attrs TYPE json USING attrs::json,
    ALTER COLUMN attrs SET DEFAULT '{}';

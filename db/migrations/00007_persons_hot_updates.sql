-- +goose Up
-- A record joining a person rewrites the person's summary (departments,
-- record count). With no index on departments and free room on each page,
-- that rewrite is a HOT update: no index entry is touched. The departments
-- filter of persons(...) reads few rows per page without an index, since
-- each department holds a large share of all persons.
DROP INDEX persons_departments_idx;
ALTER TABLE persons SET (fillfactor = 70);

-- +goose Down
ALTER TABLE persons RESET (fillfactor);
CREATE INDEX persons_departments_idx ON persons USING gin (departments) WHERE merged_into IS NULL;

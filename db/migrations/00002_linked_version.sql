-- +goose Up
-- The sourceVersion a record's link was decided on. A record whose version
-- moved on since needs re-linking; one linked at its current version
-- (e.g. placed at insert) does not, which spares the follow-up job from
-- locking and re-checking every new record.
ALTER TABLE source_records ADD COLUMN linked_version bigint;
UPDATE source_records SET linked_version = source_version WHERE person_id IS NOT NULL;

-- +goose Down
ALTER TABLE source_records DROP COLUMN linked_version;

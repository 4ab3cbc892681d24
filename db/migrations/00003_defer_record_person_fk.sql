-- +goose Up
-- Checked at commit: ingest inserts a batch's records before the persons
-- they link to, so the unique person keys are held only for the moment
-- before commit and concurrent batches sharing an ID number wait briefly.
ALTER TABLE source_records ALTER CONSTRAINT source_records_person_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- +goose Down
ALTER TABLE source_records ALTER CONSTRAINT source_records_person_id_fkey NOT DEFERRABLE;

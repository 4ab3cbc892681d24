-- +goose Up
-- The foreign key from a record to its person is checked row by row at
-- commit: a query and a row lock on the person (a WAL record and a dirtied
-- persons page) for every record written. On a bulk load that check cost
-- as much as inserting the records themselves (85,000 veteran records:
-- about 1 s of PostgreSQL CPU, against 0.7 s for the heap inserts), a
-- tenth of the server's share of an import. What it guarded cannot happen
-- here: persons are never deleted (a merge marks the loser merged_into)
-- and their ids never change, and every writer of person_id either takes
-- an id of a person it read or creates that person in the same transaction
-- (ingest's placement; a key lost to a concurrent batch is re-pointed
-- before commit). The same trade as link_evidence's key in 00019.
ALTER TABLE source_records DROP CONSTRAINT source_records_person_id_fkey;

-- +goose Down
ALTER TABLE source_records ADD CONSTRAINT source_records_person_id_fkey
    FOREIGN KEY (person_id) REFERENCES persons (id) DEFERRABLE INITIALLY DEFERRED;

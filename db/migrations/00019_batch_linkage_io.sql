-- +goose Up
-- Whether the record's ID number was sent in its 15-digit legacy form
-- (raw idNumber of 15 characters) and upgraded to 18: linkage weighs such
-- a number as upgraded. Kept when the record is written, so batch linkage
-- reads a column instead of parsing every record's raw input.
ALTER TABLE source_records ADD COLUMN id_legacy boolean NOT NULL DEFAULT false;
UPDATE source_records SET id_legacy = true
WHERE id_number IS NOT NULL AND length(raw->>'idNumber') = 15;

-- Checking the foreign key locks the referenced record row for every
-- evidence row written, so a batch linkage writing evidence for most
-- records rewrote nearly every page of source_records (a full-page image
-- each in the WAL): the very cost link_evidence was split out to avoid.
-- On a million records it tripled the WAL of writing the evidence and
-- doubled its time (21 s against 9 s). Records are never deleted, and only
-- linkage writes evidence, for records it has just read.
ALTER TABLE link_evidence DROP CONSTRAINT link_evidence_record_id_fkey;

-- +goose Down
ALTER TABLE link_evidence ADD CONSTRAINT link_evidence_record_id_fkey
    FOREIGN KEY (record_id) REFERENCES source_records (id);
ALTER TABLE source_records DROP COLUMN id_legacy;

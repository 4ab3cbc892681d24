-- +goose Up
-- Evidence lives beside the records, not in them: a batch linkage writes
-- it for most records, and rewriting a wide record row (raw input and
-- attributes) for a few hundred bytes of evidence cost most of its time.
CREATE TABLE link_evidence (
    record_id bigint PRIMARY KEY REFERENCES source_records (id),
    evidence  json NOT NULL
);
INSERT INTO link_evidence (record_id, evidence)
SELECT id, link_evidence FROM source_records WHERE link_evidence IS NOT NULL;
ALTER TABLE source_records DROP COLUMN link_evidence;

-- +goose Down
ALTER TABLE source_records ADD COLUMN link_evidence json;
UPDATE source_records r SET link_evidence = e.evidence FROM link_evidence e WHERE e.record_id = r.id;
DROP TABLE link_evidence;

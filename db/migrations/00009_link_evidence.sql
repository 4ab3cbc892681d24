-- +goose Up
-- Why a record is with its person, as the probabilistic linker saw it:
-- the record it matched best and the level and weight of each compared
-- field. NULL for links decided by the ID number alone.
ALTER TABLE source_records ADD COLUMN link_evidence json;

-- +goose Down
ALTER TABLE source_records DROP COLUMN link_evidence;

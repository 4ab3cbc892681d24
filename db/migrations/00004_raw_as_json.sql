-- +goose Up
-- Raw inputs and department attributes are stored and read back whole,
-- never searched inside: json keeps the text as sent and costs a fraction
-- of jsonb's parse-and-sort on every write.
ALTER TABLE source_records ALTER COLUMN raw TYPE json USING raw::json,
    ALTER COLUMN attrs DROP DEFAULT,
    ALTER COLUMN attrs TYPE json USING attrs::json,
    ALTER COLUMN attrs SET DEFAULT '{}';
ALTER TABLE job_postings ALTER COLUMN raw TYPE json USING raw::json;

-- +goose Down
ALTER TABLE source_records ALTER COLUMN raw TYPE jsonb USING raw::jsonb,
    ALTER COLUMN attrs DROP DEFAULT,
    ALTER COLUMN attrs TYPE jsonb USING attrs::jsonb,
    ALTER COLUMN attrs SET DEFAULT '{}';
ALTER TABLE job_postings ALTER COLUMN raw TYPE jsonb USING raw::jsonb;

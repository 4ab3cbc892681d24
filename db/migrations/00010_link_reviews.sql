-- +goose Up
-- Pairs the linker was unsure of (between the review and match levels) and
-- left in different persons, for an analyst to decide. A decision stays:
-- vethub link --all keeps decided pairs together or apart, and replaces
-- only the open ones.
CREATE TABLE link_reviews (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_a    bigint NOT NULL REFERENCES source_records (id),
    record_b    bigint NOT NULL REFERENCES source_records (id),
    probability double precision NOT NULL,
    evidence    json NOT NULL,
    status      text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SAME_PERSON', 'DIFFERENT_PERSONS')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolved_by text,
    reason      text,
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
);
CREATE INDEX link_reviews_status_idx ON link_reviews (status, id);

-- +goose Down
DROP TABLE link_reviews;

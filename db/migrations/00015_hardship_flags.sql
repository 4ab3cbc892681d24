-- +goose Up
-- The current hardship flags of each person, as the rule engine last
-- computed them: one row per (person, rule), replaced whenever the person
-- is evaluated again (db/flags.go). fingerprint is a stable hash of the
-- evidence, so a change of evidence is a change of fingerprint; computed_at
-- is when the flag last changed (an evaluation that finds the same flag
-- leaves the row alone).
CREATE TABLE hardship_flags (
    person_id        bigint NOT NULL REFERENCES persons (id),
    rule             text NOT NULL,
    rule_set_version text NOT NULL,
    category         text NOT NULL,
    priority         text NOT NULL CHECK (priority IN ('HIGH', 'MEDIUM', 'LOW')),
    score            double precision NOT NULL,
    evidence         jsonb NOT NULL,
    explanation_zh   text NOT NULL DEFAULT '',
    explanation_en   text NOT NULL DEFAULT '',
    fingerprint      text NOT NULL,
    computed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, rule)
);
-- The cases filter by rule.
CREATE INDEX hardship_flags_rule_idx ON hardship_flags (rule, person_id);

-- +goose Down
DROP TABLE hardship_flags;

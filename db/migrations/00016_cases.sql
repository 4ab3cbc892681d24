-- +goose Up
-- A case is an analyst's work on one person's hardship flags. A person has
-- at most one active case (not CLOSED or DISMISSED): new flags update it.
-- priority and category are those of the person's strongest flag,
-- region_code the person's, copied here so reads are scoped from this table
-- alone. version counts the case's changes: every edit names the version it
-- read, and fails if another edit came first. ended_fingerprint is the
-- combined fingerprint of the flags a case was closed or dismissed on: the
-- person gets a new case only once their flags differ from it (help given
-- or a finding set aside is not reopened by the same evidence).
CREATE TABLE cases (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id             bigint NOT NULL REFERENCES persons (id),
    status                text NOT NULL DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'IN_REVIEW', 'ASSISTANCE_PLANNED', 'CLOSED', 'DISMISSED')),
    priority              text NOT NULL CHECK (priority IN ('HIGH', 'MEDIUM', 'LOW')),
    -- 1 for HIGH, 2 MEDIUM, 3 LOW: the order "priority" sorts by.
    priority_rank         smallint NOT NULL GENERATED ALWAYS AS
        (CASE priority WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END) STORED,
    category              text NOT NULL,
    region_code           text NOT NULL,
    assignee              text,
    due_date              date,
    dismissed_reason      text,
    ended_fingerprint     text,
    version               int NOT NULL DEFAULT 1,
    opened_at             timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    closed_at             timestamptz,
    CHECK ((status = 'DISMISSED') = (dismissed_reason IS NOT NULL))
);
CREATE UNIQUE INDEX cases_active_person_idx ON cases (person_id)
    WHERE status NOT IN ('CLOSED', 'DISMISSED');
CREATE INDEX cases_person_idx ON cases (person_id, id);
CREATE INDEX cases_region_idx ON cases (region_code text_pattern_ops, id);
CREATE INDEX cases_status_idx ON cases (status, id);
CREATE INDEX cases_priority_idx ON cases (priority_rank, id);
CREATE INDEX cases_assignee_idx ON cases (assignee, id) WHERE assignee IS NOT NULL;

-- The history of each case: who changed what, when. The audit log holds
-- the same for analysts' edits; this table also keeps what the system did
-- (opening a case, new flags), and is what a case's history is read from.
CREATE TABLE case_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text NOT NULL,
    kind    text NOT NULL,
    detail  text NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

-- +goose Down
DROP TABLE case_events;
DROP TABLE cases;

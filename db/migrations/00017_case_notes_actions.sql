-- +goose Up
-- Analysts' notes on a case, oldest first.
CREATE TABLE case_notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES cases (id),
    body       text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, id);

-- Assistance actions (帮扶措施) planned or done for a case. amount is in
-- yuan, where the action has one (临时救助, medical aid).
CREATE TABLE case_actions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES cases (id),
    kind       text NOT NULL CHECK (kind IN ('TEMPORARY_ASSISTANCE', 'DIBAO_REFERRAL', 'JOB_REFERRAL',
        'MEDICAL_AID', 'VISIT', 'OTHER')),
    amount     numeric(12, 2) CHECK (amount >= 0),
    planned_on date,
    done_on    date,
    note       text NOT NULL DEFAULT '',
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_actions_case_idx ON case_actions (case_id, id);

-- +goose Down
DROP TABLE case_actions;
DROP TABLE case_notes;

-- +goose Up
-- Who read a person's unmasked PII or wrote data, when, why and from which
-- request. seq is contiguous (assigned under an advisory lock, never from a
-- sequence, so a rolled-back append leaves no hole and a deleted row shows
-- as a gap); hash chains each row to the one before (computed in Go, see
-- db/audit.go), so a changed row shows as a hash mismatch.
CREATE TABLE audit_log (
    seq            bigint PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor_token_id bigint,
    actor          text NOT NULL,
    role           text NOT NULL,
    action         text NOT NULL CHECK (action IN ('READ_PII', 'WRITE')),
    person_id      bigint,
    department     text,
    fields         text[] NOT NULL,
    purpose        text NOT NULL DEFAULT '',
    request_id     text NOT NULL DEFAULT '',
    detail         text NOT NULL DEFAULT '',
    prev_hash      bytea NOT NULL,
    hash           bytea NOT NULL
);
CREATE INDEX audit_log_person_idx ON audit_log (person_id, seq) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor, seq);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Append-only in the database itself, whatever the client: a role that can
-- insert still cannot change or remove a row. Only the table's owner can
-- get round this (by disabling the triggers), which verify then detects.
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();

-- +goose Up
-- The audit log becomes AuditChains (16, db/audit.go) independent hash
-- chains, each with its own advisory lock and contiguous seq, so appends
-- about different people do not wait for each other and nothing needs one
-- global lock (DESIGN.md, "Scale"). id is the global listing order: a
-- sequence, which takes no lock and may leave holes (holes in id mean
-- nothing; gaps in a chain's seq do).
--
-- Existing rows become chain 0, but their hashes were computed before the
-- chain number was hashed, so `vethub audit verify` reports them broken.
-- Accepted: no production data exists yet; recreate dev databases.
--
-- ADD COLUMN rewrites or fills rows without firing the row triggers that
-- refuse UPDATE. id is first filled from seq (a stored generated column),
-- so existing rows keep their order, then becomes an identity column that
-- continues after them.
ALTER TABLE audit_log ADD COLUMN chain smallint NOT NULL DEFAULT 0;
-- New rows must name their chain.
ALTER TABLE audit_log ALTER COLUMN chain DROP DEFAULT;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_check CHECK (chain >= 0 AND chain < 16);

ALTER TABLE audit_log ADD COLUMN id bigint GENERATED ALWAYS AS (seq) STORED;
ALTER TABLE audit_log ALTER COLUMN id DROP EXPRESSION;
ALTER TABLE audit_log ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('audit_log', 'id'), max(id)) FROM audit_log;

ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD PRIMARY KEY (chain, seq);
CREATE UNIQUE INDEX audit_log_id_idx ON audit_log (id);
DROP INDEX audit_log_person_idx;
CREATE INDEX audit_log_person_idx ON audit_log (person_id, id) WHERE person_id IS NOT NULL;
DROP INDEX audit_log_actor_idx;
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
-- audit_log_at_idx (at) stays: a time range is read from it and sorted by
-- id, or from the id index when the range is wide.

-- +goose Down
-- seq is only unique again while every row is in chain 0.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_log WHERE chain <> 0) THEN
        RAISE EXCEPTION 'audit_log has rows in chains other than 0: cannot go back to one chain';
    END IF;
END
$$;
-- +goose StatementEnd
DROP INDEX audit_log_actor_idx;
CREATE INDEX audit_log_actor_idx ON audit_log (actor, seq);
DROP INDEX audit_log_person_idx;
CREATE INDEX audit_log_person_idx ON audit_log (person_id, seq) WHERE person_id IS NOT NULL;
DROP INDEX audit_log_id_idx;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD PRIMARY KEY (seq);
ALTER TABLE audit_log DROP COLUMN id;
ALTER TABLE audit_log DROP COLUMN chain;

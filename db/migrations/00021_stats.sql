-- +goose Up
-- Aggregate counters for dashboards (package stats): one row per region,
-- month, metric and dimension, kept at every administrative level
-- (village, township, county, prefecture, province) so a region's figures
-- are read from its own rows and its drill-down from its children's
-- (parent = the region). Counters move by the difference between an
-- entity's old and new facts; nothing is recomputed per request.
-- The keys compare bytewise (COLLATE "C"): a fold upserts thousands of
-- counters, and the database's language collation costs a strcoll per
-- comparison for an order nobody reads. Pages keep room (fillfactor) for
-- the new versions of updated counters.
CREATE TABLE stats_counters (
    region text COLLATE "C" NOT NULL,
    parent text COLLATE "C" NOT NULL,
    month  int    NOT NULL, -- year*100 + month
    metric text COLLATE "C" NOT NULL,
    dim    text COLLATE "C" NOT NULL,
    value  bigint NOT NULL,
    PRIMARY KEY (region, month, metric, dim)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02);
-- A region's drill-down sums its children's counters by child, metric and
-- dimension: read from this index alone, in the order the sums need.
CREATE INDEX stats_counters_children_idx ON stats_counters (parent, region, metric, dim, month) INCLUDE (value);

-- What each person or job posting last added to the counters: a change
-- subtracts these and adds the new facts'.
CREATE TABLE stats_facts (
    kind  text   NOT NULL CHECK (kind IN ('PERSON', 'POSTING')),
    id    bigint NOT NULL,
    facts bytea  NOT NULL, -- JSON of stats.Facts
    PRIMARY KEY (kind, id)
);

-- Entities whose facts may have changed, waiting to be folded into the
-- counters. Ingest's follow-up job marks the persons it touched; triggers
-- mark the persons of changed cases and actions, and changed postings
-- (low-volume tables: source_records, written in bulk, has no trigger).
-- Marks come and go by the million on a bulk load: vacuumed after every
-- 10,000 dead rows rather than a fifth of the table, so a scan of the
-- (usually empty) table stays short.
CREATE TABLE stats_dirty (
    kind text   NOT NULL CHECK (kind IN ('PERSON', 'POSTING')),
    id   bigint NOT NULL,
    PRIMARY KEY (kind, id)
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);

-- One row: the stats.Version the counters were built by.
CREATE TABLE stats_state (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version int NOT NULL DEFAULT 0
);
INSERT INTO stats_state DEFAULT VALUES;

-- +goose StatementBegin
CREATE FUNCTION stats_mark_case_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (kind, id)
    SELECT DISTINCT 'PERSON', person_id FROM changed_cases ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_mark_moved_case_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (kind, id)
    SELECT 'PERSON', person_id FROM (SELECT person_id FROM old_cases UNION SELECT person_id FROM changed_cases) p
    ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_mark_action_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (kind, id)
    SELECT DISTINCT 'PERSON', c.person_id FROM changed_actions a JOIN cases c ON c.id = a.case_id ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_mark_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (kind, id)
    SELECT 'POSTING', id FROM changed_postings ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS changed_cases FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_case_persons();
CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_cases NEW TABLE AS changed_cases
    FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_moved_case_persons();
CREATE TRIGGER case_actions_stats_insert AFTER INSERT ON case_actions
    REFERENCING NEW TABLE AS changed_actions FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_action_persons();
CREATE TRIGGER case_actions_stats_update AFTER UPDATE ON case_actions
    REFERENCING NEW TABLE AS changed_actions FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_action_persons();
CREATE TRIGGER job_postings_stats_insert AFTER INSERT ON job_postings
    REFERENCING NEW TABLE AS changed_postings FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_postings();
CREATE TRIGGER job_postings_stats_update AFTER UPDATE ON job_postings
    REFERENCING NEW TABLE AS changed_postings FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_postings();

-- +goose Down
DROP TRIGGER job_postings_stats_update ON job_postings;
DROP TRIGGER job_postings_stats_insert ON job_postings;
DROP TRIGGER case_actions_stats_update ON case_actions;
DROP TRIGGER case_actions_stats_insert ON case_actions;
DROP TRIGGER cases_stats_update ON cases;
DROP TRIGGER cases_stats_insert ON cases;
DROP FUNCTION stats_mark_postings();
DROP FUNCTION stats_mark_action_persons();
DROP FUNCTION stats_mark_moved_case_persons();
DROP FUNCTION stats_mark_case_persons();
DROP TABLE stats_state;
DROP TABLE stats_dirty;
DROP TABLE stats_facts;
DROP TABLE stats_counters;

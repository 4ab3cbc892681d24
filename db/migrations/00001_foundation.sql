-- +goose Up
-- Reference table of administrative divisions, versioned by edition.
CREATE TABLE regions (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    name        text NOT NULL,
    level       text NOT NULL,
    parent_code text,
    edition     text NOT NULL
);

-- A person is a cluster of linked source records. id_key is the valid
-- 18-digit ID number the cluster is keyed on (exact-ID linkage); identity
-- columns are a summary of the person's records, recomputed on every re-link.
CREATE TABLE persons (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_key       text UNIQUE,
    name         text NOT NULL DEFAULT '',
    sex          text,
    birth_date   date,
    id_number    text,
    region_code  text NOT NULL DEFAULT '',
    departments  text[] NOT NULL DEFAULT '{}',
    record_count int NOT NULL DEFAULT 0,
    merged_into  bigint REFERENCES persons (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_region_idx ON persons (region_code text_pattern_ops, id) WHERE merged_into IS NULL;
CREATE INDEX persons_name_idx ON persons (name text_pattern_ops, id) WHERE merged_into IS NULL;
CREATE INDEX persons_departments_idx ON persons USING gin (departments) WHERE merged_into IS NULL;

-- One row per department record, upserted by (department, source_id).
-- Identity columns are typed for linkage and scoping; attrs holds the
-- validated department-specific keys, raw the input exactly as received.
CREATE TABLE source_records (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    department     text NOT NULL CHECK (department IN ('VETERAN', 'CIVIL', 'HEALTH')),
    source_id      text NOT NULL,
    source_version bigint NOT NULL,
    as_of          date NOT NULL,
    name           text NOT NULL,
    id_number      text,
    id_valid       boolean NOT NULL DEFAULT false,
    id_problem     text,
    sex            text CHECK (sex IN ('M', 'F')),
    birth_date     date,
    phone          text,
    address        text,
    region_code    text NOT NULL,
    attrs          jsonb NOT NULL DEFAULT '{}',
    raw            jsonb NOT NULL,
    content_hash   bytea NOT NULL,
    person_id      bigint REFERENCES persons (id),
    link_method    text,
    linked_at      timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (department, source_id)
);
CREATE INDEX source_records_person_idx ON source_records (person_id);

-- Job postings from the employment service, upserted by source_id.
CREATE TABLE job_postings (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id         text NOT NULL UNIQUE,
    source_version    bigint NOT NULL,
    as_of             date NOT NULL,
    employer          text NOT NULL,
    title             text NOT NULL,
    occupation_code   text,
    required_skills   text[] NOT NULL DEFAULT '{}',
    min_education     text,
    min_age           int,
    max_age           int,
    physical_demand   text,
    region_code       text NOT NULL,
    salary_min        numeric(14, 2),
    salary_max        numeric(14, 2),
    openings          int,
    veteran_preferred boolean NOT NULL DEFAULT false,
    closes_on         date,
    raw               jsonb NOT NULL,
    content_hash      bytea NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_postings_region_idx ON job_postings (region_code text_pattern_ops, id);

-- The change feed integrators pull. Rows are ordered by the writing
-- transaction's id (txid) and then id; a reader only sees rows whose
-- transaction is older than every transaction still running
-- (pg_snapshot_xmin), so no row can later appear behind a cursor.
CREATE TABLE changes (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    kind        text NOT NULL CHECK (kind IN ('RECORD', 'LINK', 'JOB')),
    op          text NOT NULL CHECK (op IN ('CREATED', 'UPDATED')),
    department  text NOT NULL,
    source_id   text NOT NULL,
    record_id   bigint NOT NULL,
    person_id   bigint,
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (txid, id)
);
CREATE INDEX changes_department_idx ON changes (department, txid, id);

-- API tokens: only a SHA-256 hash of the secret is stored.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL DEFAULT '',
    secret_hash  bytea NOT NULL UNIQUE,
    role         text NOT NULL CHECK (role IN ('ADMIN', 'INTEGRATOR', 'ANALYST', 'DASHBOARD')),
    department   text CHECK (department IN ('VETERAN', 'CIVIL', 'HEALTH', 'JOBS')),
    regions      text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CHECK ((role = 'INTEGRATOR') = (department IS NOT NULL)),
    CHECK (role <> 'ANALYST' OR cardinality(regions) > 0)
);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE changes;
DROP TABLE job_postings;
DROP TABLE source_records;
DROP TABLE persons;
DROP TABLE regions;

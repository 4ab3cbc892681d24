-- +goose Up
-- Models batch linkage trained (vethub link --all), newest last: the
-- incremental linker weighs new records with the newest, so a record
-- linked right after ingest is judged as the batch would judge it.
CREATE TABLE link_models (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    records    integer NOT NULL,
    model      json NOT NULL
);

-- +goose Down
DROP TABLE link_models;

-- +goose Up
-- Hardship rule sets as admins loaded them (vethub rules load, the
-- loadRuleSet mutation), newest last: the newest is the one the engine
-- applies; with none loaded it applies its shipped default. source is the
-- YAML exactly as loaded, so what ran can be shown and reloaded later. A
-- version names one text forever: loading it again with other text is
-- refused.
CREATE TABLE rule_sets (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version   text NOT NULL UNIQUE,
    source    text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    loaded_by text NOT NULL
);

-- +goose Down
DROP TABLE rule_sets;

-- Maturity scores: one row per scoring of an agency, the score as JSON
-- (json, not jsonb: kept byte for byte as the model wrote it).

-- +goose Up
CREATE TABLE scores (
    id            bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency        text             NOT NULL REFERENCES agencies (org_number),
    model_version text             NOT NULL,
    computed      timestamptz      NOT NULL,
    total         double precision NOT NULL,
    level         integer          NOT NULL,
    score         json             NOT NULL
);
CREATE INDEX scores_agency_computed ON scores (agency, computed, id);

-- +goose Down
DROP TABLE scores;

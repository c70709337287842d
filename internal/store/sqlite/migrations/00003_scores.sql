-- Maturity scores: one row per scoring of an agency, the score as JSON.

-- +goose Up
CREATE TABLE scores (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    agency        TEXT    NOT NULL REFERENCES agencies (org_number),
    model_version TEXT    NOT NULL,
    computed      TEXT    NOT NULL,
    total         REAL    NOT NULL,
    level         INTEGER NOT NULL,
    score         TEXT    NOT NULL
) STRICT;
CREATE INDEX scores_agency_computed ON scores (agency, computed, id);

-- +goose Down
DROP TABLE scores;

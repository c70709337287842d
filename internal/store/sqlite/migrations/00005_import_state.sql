-- The digest of each agency's last imported source and the agency's
-- revision right after that import: an identical re-import skips the work.

-- +goose Up
CREATE TABLE import_state (
    agency   TEXT    PRIMARY KEY NOT NULL REFERENCES agencies (org_number),
    digest   TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    format   TEXT    NOT NULL DEFAULT '',
    triples  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- +goose Down
DROP TABLE import_state;

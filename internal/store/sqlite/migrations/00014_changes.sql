-- The history of what katalog publishes: one row per change to a dataset
-- (doc is the stored dataset document, NULL for a delete) or to an
-- agency's catalog (doc is the agency as JSON), appended in the write's
-- own transaction. revision is the catalog revision that write made.

-- +goose Up
CREATE TABLE changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    revision INTEGER NOT NULL,
    at       TEXT    NOT NULL,
    agency   TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('dataset', 'catalog')),
    op       TEXT    NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    item     TEXT    NOT NULL,
    doc      TEXT
) STRICT;
CREATE INDEX changes_agency_seq ON changes (agency, seq);

-- +goose Down
DROP TABLE changes;

-- The history of what katalog publishes: one row per change to a dataset
-- (doc is the stored dataset document, NULL for a delete) or to an
-- agency's catalog (doc is the agency as JSON), appended in the write's
-- own transaction. revision is the catalog revision that write made.

-- +goose Up
CREATE TABLE changes (
    seq      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    revision bigint      NOT NULL,
    at       timestamptz NOT NULL,
    agency   text        NOT NULL,
    kind     text        NOT NULL CHECK (kind IN ('dataset', 'catalog')),
    op       text        NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    item     text        NOT NULL,
    doc      text
);
CREATE INDEX changes_agency_seq ON changes (agency, seq);

-- +goose Down
DROP TABLE changes;

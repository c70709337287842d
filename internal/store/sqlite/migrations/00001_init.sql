-- The first schema of the katalog store.
--
-- Times are TEXT in UTC, RFC 3339 with six fractional digits
-- ("2025-01-31T12:00:00.000000Z"), so they sort as text and read well in
-- the sqlite3 shell. Tables are STRICT: a value of the wrong type is an error.

-- +goose Up
-- catalog_revision is the one row that counts every write to the catalog.
CREATE TABLE catalog_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    seq      INTEGER NOT NULL,
    modified TEXT    NOT NULL
) STRICT;
INSERT INTO catalog_revision (id, seq, modified)
VALUES (1, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- agencies holds one publishing organisation a row. revision and modified are
-- the seq and time of the last write to the agency or any of its datasets.
CREATE TABLE agencies (
    org_number     TEXT    PRIMARY KEY NOT NULL CHECK (length(org_number) = 10),
    name           TEXT    NOT NULL, -- JSON of catalog.LangString
    publisher_type TEXT    NOT NULL DEFAULT '',
    homepage       TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    harvest_url    TEXT    NOT NULL DEFAULT '',
    check_schedule TEXT    NOT NULL DEFAULT '',
    short_name     TEXT    NOT NULL DEFAULT '',
    department     TEXT    NOT NULL DEFAULT '',
    size_class     TEXT    NOT NULL DEFAULT '',
    staff          INTEGER NOT NULL DEFAULT 0,
    agency_group   TEXT    NOT NULL DEFAULT '',
    token_hash     BLOB,
    revision       INTEGER NOT NULL,
    modified       TEXT    NOT NULL,
    created        TEXT    NOT NULL,
    updated        TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX agencies_token_hash ON agencies (token_hash) WHERE token_hash IS NOT NULL;

-- datasets holds one dataset a row: doc is the canonical JSON of its content
-- (everything but id, agency and timestamps), content_hash the hex SHA-256 of doc.
CREATE TABLE datasets (
    id           TEXT PRIMARY KEY NOT NULL,
    agency       TEXT NOT NULL REFERENCES agencies (org_number),
    doc          TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL
) STRICT;
CREATE INDEX datasets_agency_id ON datasets (agency, id);

-- +goose Down
DROP TABLE datasets;
DROP TABLE agencies;
DROP TABLE catalog_revision;

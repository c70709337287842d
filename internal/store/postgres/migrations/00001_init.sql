-- The first schema of the katalog store on PostgreSQL; the same tables as
-- the SQLite store's, with native types: times are timestamptz (stored to
-- the microsecond, as the store truncates them), token hashes bytea.

-- +goose Up
-- catalog_revision is the one row that counts every write to the catalog.
-- Every catalog write locks it first, so catalog writes are serialised.
CREATE TABLE catalog_revision (
    id       integer     PRIMARY KEY CHECK (id = 1),
    seq      bigint      NOT NULL,
    modified timestamptz NOT NULL
);
INSERT INTO catalog_revision (id, seq, modified)
VALUES (1, 0, date_trunc('microseconds', clock_timestamp()));

-- agencies holds one publishing organisation a row. revision and modified are
-- the seq and time of the last write to the agency or any of its datasets.
CREATE TABLE agencies (
    org_number     text        PRIMARY KEY CHECK (length(org_number) = 10),
    name           text        NOT NULL, -- JSON of catalog.LangString
    publisher_type text        NOT NULL DEFAULT '',
    homepage       text        NOT NULL DEFAULT '',
    email          text        NOT NULL DEFAULT '',
    harvest_url    text        NOT NULL DEFAULT '',
    check_schedule text        NOT NULL DEFAULT '',
    short_name     text        NOT NULL DEFAULT '',
    department     text        NOT NULL DEFAULT '',
    size_class     text        NOT NULL DEFAULT '',
    staff          integer     NOT NULL DEFAULT 0,
    agency_group   text        NOT NULL DEFAULT '',
    token_hash     bytea,
    revision       bigint      NOT NULL,
    modified       timestamptz NOT NULL,
    created        timestamptz NOT NULL,
    updated        timestamptz NOT NULL
);
CREATE UNIQUE INDEX agencies_token_hash ON agencies (token_hash) WHERE token_hash IS NOT NULL;

-- datasets holds one dataset a row: doc is the canonical JSON of its content
-- (everything but id, agency and timestamps) byte for byte as
-- catalog.EncodeContent wrote it, content_hash the hex SHA-256 of doc.
CREATE TABLE datasets (
    id           text        PRIMARY KEY,
    agency       text        NOT NULL REFERENCES agencies (org_number),
    doc          text        NOT NULL,
    content_hash text        NOT NULL,
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL
);
CREATE INDEX datasets_agency_id ON datasets (agency, id);

-- +goose Down
DROP TABLE datasets;
DROP TABLE agencies;
DROP TABLE catalog_revision;

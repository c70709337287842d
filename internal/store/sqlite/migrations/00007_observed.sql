-- What agencies publish where they publish it. observations holds each
-- agency's latest attempt to read its own catalog; observed_graphs each
-- graph read, once per content hash (gzip-compressed canonical
-- N-Triples); observed_catalogs the versions of each agency's catalog
-- (added and removed are JSON arrays of dataset IRIs or IDs); and
-- observed_datasets the datasets of each agency's latest version, as the
-- stored dataset document.

-- +goose Up
CREATE TABLE observations (
    agency      TEXT    PRIMARY KEY NOT NULL REFERENCES agencies (org_number),
    url         TEXT    NOT NULL,
    discovered  INTEGER NOT NULL CHECK (discovered IN (0, 1)),
    at          TEXT    NOT NULL,
    found       INTEGER NOT NULL CHECK (found IN (0, 1)),
    http_status INTEGER NOT NULL,
    error       TEXT    NOT NULL
) STRICT;

CREATE TABLE observed_graphs (
    hash    TEXT    PRIMARY KEY NOT NULL,
    triples INTEGER NOT NULL,
    body    BLOB    NOT NULL
) STRICT;

CREATE TABLE observed_catalogs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    agency     TEXT    NOT NULL REFERENCES agencies (org_number),
    url        TEXT    NOT NULL,
    discovered INTEGER NOT NULL CHECK (discovered IN (0, 1)),
    hash       TEXT    NOT NULL REFERENCES observed_graphs (hash),
    triples    INTEGER NOT NULL,
    datasets   INTEGER NOT NULL,
    first_seen TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    added      TEXT    NOT NULL,
    removed    TEXT    NOT NULL
) STRICT;
CREATE INDEX observed_catalogs_agency ON observed_catalogs (agency, id);

CREATE TABLE observed_datasets (
    agency TEXT NOT NULL REFERENCES agencies (org_number),
    id     TEXT NOT NULL,
    iri    TEXT NOT NULL,
    doc    TEXT NOT NULL,
    PRIMARY KEY (agency, id)
) STRICT;

-- +goose Down
DROP TABLE observed_datasets;
DROP TABLE observed_catalogs;
DROP TABLE observed_graphs;
DROP TABLE observations;

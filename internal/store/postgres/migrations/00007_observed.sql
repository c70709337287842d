-- What agencies publish where they publish it. observations holds each
-- agency's latest attempt to read its own catalog; observed_graphs each
-- graph read, once per content hash (gzip-compressed canonical
-- N-Triples); observed_catalogs the versions of each agency's catalog
-- (added and removed are JSON arrays of dataset IRIs or IDs); and
-- observed_datasets the datasets of each agency's latest version, as the
-- stored dataset document.

-- +goose Up
CREATE TABLE observations (
    agency      text        PRIMARY KEY REFERENCES agencies (org_number),
    url         text        NOT NULL,
    discovered  integer     NOT NULL CHECK (discovered IN (0, 1)),
    at          timestamptz NOT NULL,
    found       integer     NOT NULL CHECK (found IN (0, 1)),
    http_status integer     NOT NULL,
    error       text        NOT NULL
);

CREATE TABLE observed_graphs (
    hash    text    PRIMARY KEY,
    triples integer NOT NULL,
    body    bytea   NOT NULL
);

CREATE TABLE observed_catalogs (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency     text        NOT NULL REFERENCES agencies (org_number),
    url        text        NOT NULL,
    discovered integer     NOT NULL CHECK (discovered IN (0, 1)),
    hash       text        NOT NULL REFERENCES observed_graphs (hash),
    triples    integer     NOT NULL,
    datasets   integer     NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    added      text        NOT NULL,
    removed    text        NOT NULL
);
CREATE INDEX observed_catalogs_agency ON observed_catalogs (agency, id);

CREATE TABLE observed_datasets (
    agency text NOT NULL REFERENCES agencies (org_number),
    id     text NOT NULL,
    iri    text NOT NULL,
    doc    text NOT NULL,
    PRIMARY KEY (agency, id)
);

-- +goose Down
DROP TABLE observed_datasets;
DROP TABLE observed_catalogs;
DROP TABLE observed_graphs;
DROP TABLE observations;

-- What Sveriges dataportal said of each agency, one row per agency and
-- successful sync: listed or not listed (unknown is no row); missing and
-- publishers are JSON arrays of IRIs.

-- +goose Up
CREATE TABLE portal_statuses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency      TEXT    NOT NULL REFERENCES agencies (org_number),
    status      TEXT    NOT NULL CHECK (status IN ('listed', 'notListed')),
    checked     TEXT    NOT NULL,
    on_portal   INTEGER NOT NULL,
    in_catalogs INTEGER NOT NULL,
    missing     TEXT    NOT NULL,
    publishers  TEXT    NOT NULL
) STRICT;
CREATE INDEX portal_statuses_agency ON portal_statuses (agency, checked, id);

-- +goose Down
DROP TABLE portal_statuses;

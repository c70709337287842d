-- What Sveriges dataportal said of each agency, one row per agency and
-- successful sync: listed or not listed (unknown is no row); missing and
-- publishers are JSON arrays of IRIs.

-- +goose Up
CREATE TABLE portal_statuses (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency      text        NOT NULL REFERENCES agencies (org_number),
    status      text        NOT NULL CHECK (status IN ('listed', 'notListed')),
    checked     timestamptz NOT NULL,
    on_portal   integer     NOT NULL,
    in_catalogs integer     NOT NULL,
    missing     text        NOT NULL,
    publishers  text        NOT NULL
);
CREATE INDEX portal_statuses_agency ON portal_statuses (agency, checked, id);

-- +goose Down
DROP TABLE portal_statuses;

-- The link table: every URL an agency's catalog links to, as its latest
-- readiness check found it. kinds is the properties it appeared under,
-- comma-separated; broken_since is NULL while it works, last_ok NULL if it
-- never has.

-- +goose Up
CREATE TABLE links (
    agency       TEXT    NOT NULL REFERENCES agencies (org_number),
    url          TEXT    NOT NULL,
    kinds        TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
    error        TEXT    NOT NULL,
    duration_ms  INTEGER NOT NULL,
    checked      TEXT    NOT NULL,
    broken_since TEXT,
    last_ok      TEXT,
    PRIMARY KEY (agency, url)
) STRICT;

-- +goose Down
DROP TABLE links;

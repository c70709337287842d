-- The link table: every URL an agency's catalog links to, as its latest
-- readiness check found it. kinds is the properties it appeared under,
-- comma-separated; broken_since is NULL while it works, last_ok NULL if it
-- never has.

-- +goose Up
CREATE TABLE links (
    agency       text        NOT NULL REFERENCES agencies (org_number),
    url          text        NOT NULL,
    kinds        text        NOT NULL,
    status       integer     NOT NULL,
    ok           integer     NOT NULL CHECK (ok IN (0, 1)),
    error        text        NOT NULL,
    duration_ms  bigint      NOT NULL,
    checked      timestamptz NOT NULL,
    broken_since timestamptz,
    last_ok      timestamptz,
    PRIMARY KEY (agency, url)
);

-- +goose Down
DROP TABLE links;

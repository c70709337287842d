-- Agencies' tokens, several each, and the audit log of writes. The one
-- token an agency had (agencies.token_hash) becomes its token named
-- "initial"; the old column is no longer written. revoked is NULL while
-- a token lives; expires NULL when it never expires.

-- +goose Up
CREATE TABLE agency_tokens (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    agency    TEXT    NOT NULL REFERENCES agencies (org_number),
    name      TEXT    NOT NULL,
    hash      BLOB    NOT NULL UNIQUE,
    created   TEXT    NOT NULL,
    expires   TEXT,
    last_used TEXT,
    revoked   TEXT
) STRICT;
CREATE INDEX agency_tokens_agency ON agency_tokens (agency, id);
INSERT INTO agency_tokens (agency, name, hash, created)
    SELECT org_number, 'initial', token_hash, created FROM agencies WHERE token_hash IS NOT NULL;
UPDATE agencies SET token_hash = NULL;

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT    NOT NULL,
    actor  TEXT    NOT NULL,
    method TEXT    NOT NULL,
    route  TEXT    NOT NULL,
    path   TEXT    NOT NULL,
    agency TEXT    NOT NULL,
    status INTEGER NOT NULL,
    remote TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_agency ON audit_log (agency, id);

-- +goose Down
UPDATE agencies SET token_hash = (SELECT hash FROM agency_tokens t
    WHERE t.agency = agencies.org_number AND t.revoked IS NULL ORDER BY t.id LIMIT 1);
DROP TABLE audit_log;
DROP TABLE agency_tokens;

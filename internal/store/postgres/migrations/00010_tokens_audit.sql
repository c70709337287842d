-- Agencies' tokens, several each, and the audit log of writes. The one
-- token an agency had (agencies.token_hash) becomes its token named
-- "initial"; the old column is no longer written. revoked is NULL while
-- a token lives; expires NULL when it never expires.

-- +goose Up
CREATE TABLE agency_tokens (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency    text        NOT NULL REFERENCES agencies (org_number),
    name      text        NOT NULL,
    hash      bytea       NOT NULL UNIQUE,
    created   timestamptz NOT NULL,
    expires   timestamptz,
    last_used timestamptz,
    revoked   timestamptz
);
CREATE INDEX agency_tokens_agency ON agency_tokens (agency, id);
INSERT INTO agency_tokens (agency, name, hash, created)
    SELECT org_number, 'initial', token_hash, created FROM agencies WHERE token_hash IS NOT NULL;
UPDATE agencies SET token_hash = NULL;

CREATE TABLE audit_log (
    id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     timestamptz NOT NULL,
    actor  text        NOT NULL,
    method text        NOT NULL,
    route  text        NOT NULL,
    path   text        NOT NULL,
    agency text        NOT NULL,
    status integer     NOT NULL,
    remote text        NOT NULL
);
CREATE INDEX audit_log_agency ON audit_log (agency, id);

-- +goose Down
UPDATE agencies SET token_hash = (SELECT hash FROM agency_tokens t
    WHERE t.agency = agencies.org_number AND t.revoked IS NULL ORDER BY t.id LIMIT 1);
DROP TABLE audit_log;
DROP TABLE agency_tokens;

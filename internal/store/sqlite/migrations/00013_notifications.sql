-- Notifications of agencies when their state changes. notify_settings is
-- how each agency wants to be told (none: mail on every change);
-- notifications each change found, once (key is the change itself, so two
-- instances that find it keep one row; digest is 'none', 'pending' or
-- 'done'); notify_outbox each message to send on one channel (key unique:
-- never two messages for one change and channel), claimed by one instance
-- at a time (holder, until) and retried with backoff (next_at).

-- +goose Up
CREATE TABLE notify_settings (
    agency         TEXT    PRIMARY KEY NOT NULL REFERENCES agencies (org_number),
    email          INTEGER NOT NULL CHECK (email IN (0, 1)),
    mode           TEXT    NOT NULL CHECK (mode IN ('change', 'digest')),
    webhook_url    TEXT    NOT NULL,
    webhook_secret TEXT    NOT NULL,
    updated        TEXT    NOT NULL
) STRICT;

CREATE TABLE notifications (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    key     TEXT    NOT NULL UNIQUE,
    agency  TEXT    NOT NULL REFERENCES agencies (org_number),
    kind    TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    title   TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    details TEXT    NOT NULL,
    digest  TEXT    NOT NULL CHECK (digest IN ('none', 'pending', 'done'))
) STRICT;
CREATE INDEX notifications_digest ON notifications (digest, agency, at);

CREATE TABLE notify_outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT    NOT NULL UNIQUE,
    agency     TEXT    NOT NULL REFERENCES agencies (org_number),
    channel    TEXT    NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient  TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    TEXT    NOT NULL,
    holder     TEXT    NOT NULL DEFAULT '',
    until      TEXT    NOT NULL DEFAULT '',
    last_error TEXT    NOT NULL DEFAULT '',
    created    TEXT    NOT NULL,
    sent       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX notify_outbox_due ON notify_outbox (state, next_at, id);
CREATE INDEX notify_outbox_agency ON notify_outbox (agency, id);

-- +goose Down
DROP TABLE notify_outbox;
DROP TABLE notifications;
DROP TABLE notify_settings;

-- Notifications of agencies when their state changes. notify_settings is
-- how each agency wants to be told (none: mail on every change);
-- notifications each change found, once (key is the change itself, so two
-- instances that find it keep one row; digest is 'none', 'pending' or
-- 'done'); notify_outbox each message to send on one channel (key unique:
-- never two messages for one change and channel), claimed by one instance
-- at a time (holder, until) and retried with backoff (next_at).

-- +goose Up
CREATE TABLE notify_settings (
    agency         text        PRIMARY KEY REFERENCES agencies (org_number),
    email          integer     NOT NULL CHECK (email IN (0, 1)),
    mode           text        NOT NULL CHECK (mode IN ('change', 'digest')),
    webhook_url    text        NOT NULL,
    webhook_secret text        NOT NULL,
    updated        timestamptz NOT NULL
);

CREATE TABLE notifications (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key     text        NOT NULL UNIQUE,
    agency  text        NOT NULL REFERENCES agencies (org_number),
    kind    text        NOT NULL,
    at      timestamptz NOT NULL,
    title   text        NOT NULL,
    text    text        NOT NULL,
    details text        NOT NULL,
    digest  text        NOT NULL CHECK (digest IN ('none', 'pending', 'done'))
);
CREATE INDEX notifications_digest ON notifications (digest, agency, at);

CREATE TABLE notify_outbox (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        text        NOT NULL UNIQUE,
    agency     text        NOT NULL REFERENCES agencies (org_number),
    channel    text        NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    state      text        NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts   integer     NOT NULL DEFAULT 0,
    next_at    timestamptz NOT NULL,
    holder     text        NOT NULL DEFAULT '',
    until      timestamptz,
    last_error text        NOT NULL DEFAULT '',
    created    timestamptz NOT NULL,
    sent       timestamptz
);
CREATE INDEX notify_outbox_due ON notify_outbox (state, next_at, id);
CREATE INDEX notify_outbox_agency ON notify_outbox (agency, id);

-- +goose Down
DROP TABLE notify_outbox;
DROP TABLE notifications;
DROP TABLE notify_settings;

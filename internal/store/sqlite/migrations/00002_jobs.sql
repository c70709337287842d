-- +goose Up

-- job_leases holds the lease on a scheduled job: holder may run it until
-- expires (a stored time; an expired lease is free for anyone to take).
CREATE TABLE job_leases (
    job     TEXT PRIMARY KEY NOT NULL,
    holder  TEXT NOT NULL,
    expires TEXT NOT NULL
) STRICT;

-- job_runs is the run log of scheduled jobs: at most one run per job and
-- cron activation, so instances sharing the database run each once.
CREATE TABLE job_runs (
    id        INTEGER PRIMARY KEY,
    job       TEXT NOT NULL,
    scheduled TEXT NOT NULL,
    holder    TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'missed')),
    started   TEXT NOT NULL,
    finished  TEXT NOT NULL DEFAULT '',
    error     TEXT NOT NULL DEFAULT '',
    UNIQUE (job, scheduled)
) STRICT;

-- checks is the history of harvest-readiness checks; result is JSON.
CREATE TABLE checks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agency       TEXT    NOT NULL REFERENCES agencies (org_number),
    url          TEXT    NOT NULL,
    trigger_kind TEXT    NOT NULL CHECK (trigger_kind IN ('schedule', 'manual', 'missed')),
    status       TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'missed')),
    ready        INTEGER NOT NULL DEFAULT 0,
    started      TEXT    NOT NULL,
    finished     TEXT    NOT NULL DEFAULT '',
    result       TEXT
) STRICT;
CREATE INDEX checks_agency_started ON checks (agency, started, id);

-- +goose Down
DROP TABLE checks;
DROP TABLE job_runs;
DROP TABLE job_leases;

-- +goose Up

-- job_leases holds the lease on a scheduled job: holder may run it until
-- expires (an expired lease is free for anyone to take).
CREATE TABLE job_leases (
    job     text        PRIMARY KEY,
    holder  text        NOT NULL,
    expires timestamptz NOT NULL
);

-- job_runs is the run log of scheduled jobs: at most one run per job and
-- cron activation, so instances sharing the database run each once.
CREATE TABLE job_runs (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job       text        NOT NULL,
    scheduled timestamptz NOT NULL,
    holder    text        NOT NULL DEFAULT '',
    status    text        NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'missed')),
    started   timestamptz NOT NULL,
    finished  timestamptz,
    error     text        NOT NULL DEFAULT '',
    UNIQUE (job, scheduled)
);

-- checks is the history of harvest-readiness checks; result is JSON, kept
-- as written.
CREATE TABLE checks (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency       text        NOT NULL REFERENCES agencies (org_number),
    url          text        NOT NULL,
    trigger_kind text        NOT NULL CHECK (trigger_kind IN ('schedule', 'manual', 'missed')),
    status       text        NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'missed')),
    ready        boolean     NOT NULL DEFAULT false,
    started      timestamptz NOT NULL,
    finished     timestamptz,
    result       json
);
CREATE INDEX checks_agency_started ON checks (agency, started, id);

-- +goose Down
DROP TABLE checks;
DROP TABLE job_runs;
DROP TABLE job_leases;

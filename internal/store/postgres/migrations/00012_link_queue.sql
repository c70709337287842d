-- The shared link queue: the links of each agency's check (a cycle) are
-- queued once each (UNIQUE (cycle, url)) and checked by the workers of
-- every instance. A worker first takes one of a host's slots in
-- link_slots (at most four per host across all instances, a lease until
-- "until"), then leases pending items of that host (state 'leased',
-- holder, until); an item whose lease lapses (its instance died) is
-- pending again. When every item of an open cycle is done, one instance
-- takes the cycle ('finishing', leased too) and records the results as
-- the agency's link table; the cycle is then 'done' and its items gone.
-- link_hosts lists the hosts with work, and when each was last given a
-- slot, so that hosts take turns.

-- +goose Up
CREATE TABLE link_cycles (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency  text        NOT NULL REFERENCES agencies (org_number),
    checked timestamptz NOT NULL,
    total   integer     NOT NULL DEFAULT 0,
    state   text        NOT NULL CHECK (state IN ('filling', 'open', 'finishing', 'done', 'superseded')),
    holder  text        NOT NULL DEFAULT '',
    until   timestamptz,
    created timestamptz NOT NULL
);
CREATE INDEX link_cycles_state ON link_cycles (state, id);
CREATE INDEX link_cycles_agency ON link_cycles (agency, id);

CREATE TABLE link_work (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cycle       bigint      NOT NULL REFERENCES link_cycles (id) ON DELETE CASCADE,
    url         text        NOT NULL,
    kinds       text        NOT NULL,
    host        text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('pending', 'leased', 'done')),
    holder      text        NOT NULL DEFAULT '',
    until       timestamptz,
    attempts    integer     NOT NULL DEFAULT 0,
    status      integer     NOT NULL DEFAULT 0,
    ok          integer     NOT NULL DEFAULT 0 CHECK (ok IN (0, 1)),
    error       text        NOT NULL DEFAULT '',
    duration_ms bigint      NOT NULL DEFAULT 0,
    api         text        NOT NULL DEFAULT '',
    cors        integer     CHECK (cors IN (0, 1)),
    UNIQUE (cycle, url)
);
CREATE INDEX link_work_host ON link_work (host, state, id);
CREATE INDEX link_work_leased ON link_work (state, until);
CREATE INDEX link_work_holder ON link_work (holder, state);

CREATE TABLE link_hosts (
    host    text        PRIMARY KEY,
    claimed timestamptz NOT NULL
);

CREATE TABLE link_slots (
    host   text        NOT NULL,
    slot   integer     NOT NULL,
    holder text        NOT NULL,
    until  timestamptz NOT NULL,
    PRIMARY KEY (host, slot)
);
CREATE INDEX link_slots_holder ON link_slots (holder);

-- +goose Down
DROP TABLE link_slots;
DROP TABLE link_hosts;
DROP TABLE link_work;
DROP TABLE link_cycles;

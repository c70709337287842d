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
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    agency  TEXT    NOT NULL REFERENCES agencies (org_number),
    checked TEXT    NOT NULL,
    total   INTEGER NOT NULL DEFAULT 0,
    state   TEXT    NOT NULL CHECK (state IN ('filling', 'open', 'finishing', 'done', 'superseded')),
    holder  TEXT    NOT NULL DEFAULT '',
    until   TEXT    NOT NULL DEFAULT '',
    created TEXT    NOT NULL
) STRICT;
CREATE INDEX link_cycles_state ON link_cycles (state, id);
CREATE INDEX link_cycles_agency ON link_cycles (agency, id);

CREATE TABLE link_work (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle       INTEGER NOT NULL REFERENCES link_cycles (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    kinds       TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'leased', 'done')),
    holder      TEXT    NOT NULL DEFAULT '',
    until       TEXT    NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    status      INTEGER NOT NULL DEFAULT 0,
    ok          INTEGER NOT NULL DEFAULT 0 CHECK (ok IN (0, 1)),
    error       TEXT    NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    api         TEXT    NOT NULL DEFAULT '',
    cors        INTEGER CHECK (cors IN (0, 1)),
    UNIQUE (cycle, url)
) STRICT;
CREATE INDEX link_work_host ON link_work (host, state, id);
CREATE INDEX link_work_leased ON link_work (state, until);
CREATE INDEX link_work_holder ON link_work (holder, state);

CREATE TABLE link_hosts (
    host    TEXT PRIMARY KEY NOT NULL,
    claimed TEXT NOT NULL
) STRICT;

CREATE TABLE link_slots (
    host   TEXT    NOT NULL,
    slot   INTEGER NOT NULL,
    holder TEXT    NOT NULL,
    until  TEXT    NOT NULL,
    PRIMARY KEY (host, slot)
) STRICT;
CREATE INDEX link_slots_holder ON link_slots (holder);

-- +goose Down
DROP TABLE link_slots;
DROP TABLE link_hosts;
DROP TABLE link_work;
DROP TABLE link_cycles;

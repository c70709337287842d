-- The change feed (#18), publisher side: an index that finds the previous
-- version of one dataset or of an agency's catalog in the history, and a
-- history for what was written before the history existed (00020): every
-- agency that has none gets a create of its catalog and of each of its
-- datasets, at its current revision, so that its feed rebuilds its catalog.
--
-- Harvester side: where katalog stopped in the change feed of an agency
-- whose source offers one (feed_harvests) and the graph of every entity
-- that feed has described (feed_entities, canonical N-Triples), so that the
-- next harvest reads only the newer pages and gives what a full one would.

-- +goose Up
CREATE INDEX changes_item ON changes (agency, kind, item, seq);

CREATE TEMP TABLE changes_backfill AS
    SELECT org_number FROM agencies a
    WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.agency = a.org_number);
INSERT INTO changes (revision, at, agency, kind, op, item, doc)
SELECT revision, at, agency, kind, 'create', item, doc FROM (
    SELECT a.revision AS revision, a.modified AS at, a.org_number AS agency, 'catalog' AS kind,
           '' AS item, 0 AS k,
           json_object('orgNumber', a.org_number, 'name', json(a.name), 'publisherType', a.publisher_type,
               'homepage', a.homepage, 'email', a.email, 'harvestUrl', a.harvest_url,
               'checkSchedule', a.check_schedule, 'shortName', a.short_name, 'department', a.department,
               'sizeClass', a.size_class, 'staff', a.staff, 'group', a.agency_group,
               'createdAt', a.created, 'updatedAt', a.updated) AS doc
    FROM agencies a WHERE a.org_number IN (SELECT org_number FROM changes_backfill)
    UNION ALL
    SELECT a.revision, a.modified, a.org_number, 'dataset', d.id, 1, d.doc
    FROM datasets d JOIN agencies a ON a.org_number = d.agency
    WHERE a.org_number IN (SELECT org_number FROM changes_backfill)
) ORDER BY agency, k, item;
DROP TABLE changes_backfill;

CREATE TABLE feed_harvests (
    agency  TEXT    PRIMARY KEY NOT NULL REFERENCES agencies (org_number),
    url     TEXT    NOT NULL, -- the feed as registered (its first page)
    page    TEXT    NOT NULL, -- the last page read: the next harvest starts there
    pages   INTEGER NOT NULL DEFAULT 0,
    events  INTEGER NOT NULL DEFAULT 0,
    bytes   INTEGER NOT NULL DEFAULT 0,
    updated TEXT    NOT NULL
) STRICT;

CREATE TABLE feed_entities (
    agency TEXT NOT NULL REFERENCES agencies (org_number),
    entity TEXT NOT NULL,
    graph  TEXT NOT NULL,
    PRIMARY KEY (agency, entity)
) STRICT;

-- +goose Down
DROP TABLE feed_entities;
DROP TABLE feed_harvests;
DROP INDEX changes_item;

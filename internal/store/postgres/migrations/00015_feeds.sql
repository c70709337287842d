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

INSERT INTO changes (revision, at, agency, kind, op, item, doc)
SELECT revision, at, agency, kind, 'create', item, doc FROM (
    SELECT a.revision AS revision, a.modified AS at, a.org_number AS agency, 'catalog' AS kind,
           '' AS item, 0 AS k,
           json_build_object('orgNumber', a.org_number, 'name', a.name::json, 'publisherType', a.publisher_type,
               'homepage', a.homepage, 'email', a.email, 'harvestUrl', a.harvest_url,
               'checkSchedule', a.check_schedule, 'shortName', a.short_name, 'department', a.department,
               'sizeClass', a.size_class, 'staff', a.staff, 'group', a.agency_group,
               'createdAt', to_char(a.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'updatedAt', to_char(a.updated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text AS doc
    FROM agencies a
    WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.agency = a.org_number)
    UNION ALL
    SELECT a.revision, a.modified, a.org_number, 'dataset', d.id, 1, d.doc
    FROM datasets d JOIN agencies a ON a.org_number = d.agency
    WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.agency = a.org_number)
) AS backfill ORDER BY agency, k, item;

CREATE TABLE feed_harvests (
    agency  text        PRIMARY KEY REFERENCES agencies (org_number),
    url     text        NOT NULL, -- the feed as registered (its first page)
    page    text        NOT NULL, -- the last page read: the next harvest starts there
    pages   bigint      NOT NULL DEFAULT 0,
    events  bigint      NOT NULL DEFAULT 0,
    bytes   bigint      NOT NULL DEFAULT 0,
    updated timestamptz NOT NULL
);

CREATE TABLE feed_entities (
    agency text NOT NULL REFERENCES agencies (org_number),
    entity text NOT NULL,
    graph  text NOT NULL,
    PRIMARY KEY (agency, entity)
);

-- +goose Down
DROP TABLE feed_entities;
DROP TABLE feed_harvests;
DROP INDEX changes_item;

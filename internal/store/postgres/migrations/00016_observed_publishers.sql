-- The publisher IRIs each version of an agency's own catalog names (a JSON
-- array): the portal sync asks about them besides the agency's
-- conventional IRI.

-- +goose Up
ALTER TABLE observed_catalogs ADD COLUMN publishers text NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE observed_catalogs DROP COLUMN publishers;

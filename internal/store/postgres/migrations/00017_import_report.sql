-- What an agency's last import found and kept (#14): when it ran, its
-- report as JSON (the DCAT-AP-SE findings of the document as published,
-- the IRIs minted for blank resources; the scorecard shows them), and the
-- triples of the document katalog keeps but does not publish (the feed's
-- own catalog node and whatever no dataset owns), gzip-compressed
-- N-Triples.

-- +goose Up
ALTER TABLE import_state ADD COLUMN at timestamptz;
ALTER TABLE import_state ADD COLUMN report text NOT NULL DEFAULT '';
ALTER TABLE import_state ADD COLUMN rest bytea;

-- +goose Down
ALTER TABLE import_state DROP COLUMN rest;
ALTER TABLE import_state DROP COLUMN report;
ALTER TABLE import_state DROP COLUMN at;

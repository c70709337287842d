-- What an API description link is (api: "openapi 3.0.3", "swagger 2.0",
-- "html", "json", "yaml", "other"; '' for other links) and whether it
-- allows dataportal.se's origin (cors: 1, 0, NULL for other links). Only
-- an OpenAPI or Swagger document with CORS earns the score's
-- API-description points.

-- +goose Up
ALTER TABLE links ADD COLUMN api text NOT NULL DEFAULT '';
ALTER TABLE links ADD COLUMN cors integer CHECK (cors IN (0, 1));
CREATE INDEX links_broken ON links (agency, ok, broken_since, url);

-- +goose Down
DROP INDEX links_broken;
ALTER TABLE links DROP COLUMN cors;
ALTER TABLE links DROP COLUMN api;

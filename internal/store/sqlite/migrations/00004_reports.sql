-- Trend reports: immutable once written. indicators is the overall
-- indicators as JSON (for trend lines), body the whole report as JSON.

-- +goose Up
CREATE TABLE reports (
    id            TEXT    PRIMARY KEY NOT NULL,
    created       TEXT    NOT NULL,
    model_version TEXT    NOT NULL,
    agencies      INTEGER NOT NULL,
    indicators    TEXT    NOT NULL,
    body          TEXT    NOT NULL
) STRICT;
CREATE INDEX reports_created ON reports (created, id);

-- +goose StatementBegin
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are immutable');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are immutable');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER reports_no_delete;
DROP TRIGGER reports_no_update;
DROP TABLE reports;

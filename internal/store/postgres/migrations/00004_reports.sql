-- Trend reports: immutable once written. indicators is the overall
-- indicators as JSON (for trend lines), body the whole report as JSON;
-- json, not jsonb, so both read back byte for byte as written.

-- +goose Up
CREATE TABLE reports (
    id            text        PRIMARY KEY,
    created       timestamptz NOT NULL,
    model_version text        NOT NULL,
    agencies      integer     NOT NULL,
    indicators    json        NOT NULL,
    body          json        NOT NULL
);
CREATE INDEX reports_created ON reports (created, id);

-- +goose StatementBegin
CREATE FUNCTION reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reports are immutable';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER reports_no_update BEFORE UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_immutable();

-- +goose Down
DROP TRIGGER reports_no_update ON reports;
DROP FUNCTION reports_immutable();
DROP TABLE reports;

-- Whether the agency register lists the agency as active (1) or as
-- dissolved or otherwise out of the register's current list (0), an
-- integer as the other flags are. Every agency stored before the register
-- said so is active. Reports leave inactive agencies out of their
-- population; they are kept with their history.

-- +goose Up
ALTER TABLE agencies ADD COLUMN active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- +goose Down
ALTER TABLE agencies DROP COLUMN active;

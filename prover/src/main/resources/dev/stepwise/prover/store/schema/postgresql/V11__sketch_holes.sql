-- Schema version 11 in PostgreSQL's dialect (see ../V11__sketch_holes.sql): attempts.mode gains
-- 'sketch', and sketch_holes stores each hole of a sketch attempt. PostgreSQL alters a CHECK in
-- place; the constraint carries the name PostgreSQL gave the column constraint V7 added
-- (<table>_<column>_check, PostgreSQL 15 docs, "CREATE TABLE").
ALTER TABLE attempts
    DROP CONSTRAINT attempts_mode_check,
    ADD CONSTRAINT attempts_mode_check CHECK (mode IN ('step', 'whole-proof', 'sketch'));

CREATE TABLE sketch_holes (
    attempt_id   BIGINT  NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    sketch_index BIGINT  NOT NULL CHECK (sketch_index >= 0),
    hole_index   BIGINT  NOT NULL CHECK (hole_index >= 0),
    goal         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('proved', 'cached', 'failed', 'skipped')),
    proof        TEXT,
    expansions   BIGINT  NOT NULL DEFAULT 0 CHECK (expansions >= 0),
    detail       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (attempt_id, sketch_index, hole_index)
);

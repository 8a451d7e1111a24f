-- Schema version 5 in PostgreSQL's dialect (see ../V5__thoughts_stage.sql): a round gains the stage
-- 'thoughts' after 'export'. PostgreSQL alters a CHECK in place, inside the step's transaction; the
-- two column constraints carry the names PostgreSQL gave them in postgresql/V1__initial.sql
-- (<table>_<column>_check, PostgreSQL 15 docs, "CREATE TABLE": a column constraint without a name
-- is named table_column_check).
ALTER TABLE rounds
    DROP CONSTRAINT rounds_stage_check,
    ADD CONSTRAINT rounds_stage_check
        CHECK (stage IN ('select', 'search', 'harvest', 'filter', 'export', 'thoughts',
                         'train', 'evaluate', 'promote'));
ALTER TABLE round_stages
    DROP CONSTRAINT round_stages_stage_check,
    ADD CONSTRAINT round_stages_stage_check
        CHECK (stage IN ('select', 'search', 'harvest', 'filter', 'export', 'thoughts',
                         'train', 'evaluate', 'promote'));

-- The thoughts a model wrote for a proof step, by the step's state and tactic (as ../V5).
CREATE TABLE step_thoughts (
    key_sha256 TEXT    NOT NULL PRIMARY KEY,
    state      TEXT    NOT NULL,
    tactic     TEXT    NOT NULL,
    thought    TEXT    NOT NULL,
    model      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

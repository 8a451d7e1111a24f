-- Schema version 9 in PostgreSQL's dialect (see ../V9__conjectures.sql): a round gains the stage
-- 'conjecture' after 'harvest'. As in postgresql/V5__thoughts_stage.sql, the two column constraints
-- carry the names PostgreSQL gave them (<table>_<column>_check, PostgreSQL 15 docs, "CREATE TABLE")
-- and are dropped and re-added inside the step's transaction.
ALTER TABLE rounds
    DROP CONSTRAINT rounds_stage_check,
    ADD CONSTRAINT rounds_stage_check
        CHECK (stage IN ('select', 'search', 'harvest', 'conjecture', 'filter', 'export', 'thoughts',
                         'train', 'evaluate', 'promote'));
ALTER TABLE round_stages
    DROP CONSTRAINT round_stages_stage_check,
    ADD CONSTRAINT round_stages_stage_check
        CHECK (stage IN ('select', 'search', 'harvest', 'conjecture', 'filter', 'export', 'thoughts',
                         'train', 'evaluate', 'promote'));

-- Every conjecture a round proposed, with its verdict and lineage (as ../V9).
CREATE TABLE conjectures (
    name          TEXT    NOT NULL PRIMARY KEY,
    round_number  INTEGER NOT NULL,
    header        TEXT    NOT NULL,
    statement     TEXT    NOT NULL,
    proposed      TEXT    NOT NULL,
    seed_problem  TEXT    NOT NULL,
    seed_attempt  TEXT    NOT NULL,
    seed_proof    TEXT    NOT NULL,
    verdict       TEXT    NOT NULL CHECK (verdict IN ('not-elaborating', 'duplicate', 'refused', 'unprovable',
                                                       'too-hard', 'too-easy', 'kept')),
    reason        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL,
    proved        INTEGER NOT NULL
);
CREATE INDEX conjectures_round ON conjectures (round_number);
CREATE INDEX conjectures_seed ON conjectures (seed_problem);

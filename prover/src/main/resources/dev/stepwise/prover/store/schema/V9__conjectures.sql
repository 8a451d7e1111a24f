-- STP's conjecture stage (issue 19, docs/stp-conjecture-stage.md). A round gains the stage
-- 'conjecture' (after 'harvest'), so the two stage CHECK lists widen, edited in place as V3 and V5
-- do for SQLite (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes");
-- postgresql/V9__conjectures.sql drops and re-adds the two constraints instead.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''harvest'', ''filter'',', '''harvest'', ''conjecture'', ''filter'',')
 WHERE type = 'table' AND name IN ('rounds', 'round_stages');
PRAGMA writable_schema = RESET;

-- Every conjecture a round proposed, with its verdict and its lineage (the statement and the proof
-- it came from), so "where did this come from" is one query. Names are generated in the namespace
-- StepwiseConjecture and unique across rounds. Plain SQL for SQLite and PostgreSQL.
CREATE TABLE conjectures (
    name          TEXT    NOT NULL PRIMARY KEY,
    round_number  INTEGER NOT NULL,
    header        TEXT    NOT NULL,
    statement     TEXT    NOT NULL,           -- under its generated name, ending in ':= by'
    proposed      TEXT    NOT NULL,           -- as the conjecturer wrote it
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

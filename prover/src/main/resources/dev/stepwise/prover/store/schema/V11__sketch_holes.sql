-- Sketch mode (issue #16): an attempt's mode may be 'sketch' (a planner's sketch with sorry holes,
-- each hole searched step by step), and each hole of each sketch is stored beside its attempt:
-- the goal Lean gave it, how it ended (proved by the step search, taken from the run's subgoal
-- cache, failed, or skipped after an earlier hole failed), its proof and the expansions spent.
-- Only the mode's CHECK list widens, so no stored row can break it; as V3 does, the table
-- definition is edited in place (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
-- Schema Changes"): rebuilding attempts would cascade-delete its trees.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''step'', ''whole-proof''))', '''step'', ''whole-proof'', ''sketch''))')
 WHERE type = 'table' AND name = 'attempts';
PRAGMA writable_schema = RESET;

CREATE TABLE sketch_holes (
    attempt_id   INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    sketch_index INTEGER NOT NULL CHECK (sketch_index >= 0),
    hole_index   INTEGER NOT NULL CHECK (hole_index >= 0),
    goal         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('proved', 'cached', 'failed', 'skipped')),
    proof        TEXT,
    expansions   INTEGER NOT NULL DEFAULT 0 CHECK (expansions >= 0),
    detail       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (attempt_id, sketch_index, hole_index)
);

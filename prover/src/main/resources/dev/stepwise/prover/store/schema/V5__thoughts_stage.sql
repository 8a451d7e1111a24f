-- Lean-STaR's retrospective thoughts (issue 19). A round gains the stage 'thoughts' (after 'export'),
-- so the two stage CHECK lists widen. As in V3, only a CHECK list widens, no stored row can break it,
-- and SQLite cannot alter a CHECK without rebuilding the tables (which would cascade-delete their
-- children), so the definitions are edited in place as SQLite documents (sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"). This part is SQLite's; a PostgreSQL store drops and
-- re-adds the two constraints instead.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''filter'', ''export'',', '''filter'', ''export'', ''thoughts'',')
 WHERE type = 'table' AND name IN ('rounds', 'round_stages');
PRAGMA writable_schema = RESET;

-- The thoughts a model wrote for a proof step, by the step's state and tactic, so a step harvested
-- again (a resumed stage, a later round) is not asked again. Plain SQL for SQLite and PostgreSQL.
CREATE TABLE step_thoughts (
    key_sha256 TEXT    NOT NULL PRIMARY KEY,  -- hex SHA-256 of the state and the tactic, length-prefixed
    state      TEXT    NOT NULL,
    tactic     TEXT    NOT NULL,
    thought    TEXT    NOT NULL,              -- '' when the model gave none
    model      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

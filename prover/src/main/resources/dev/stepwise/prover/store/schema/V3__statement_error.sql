-- A statement Lean does not elaborate (in the project the run used) is its own verdict, neither
-- proved nor unproved nor an environment failure: run_problems.status and attempts.outcome gain
-- 'statement-error'. Only the two CHECK lists widen, so no stored row can break them; SQLite
-- cannot alter a CHECK, and rebuilding the tables would cascade-delete their children (foreign
-- keys are on, and cannot be switched off inside the migration's transaction), so the table
-- definitions are edited in place, as SQLite documents for loosening a constraint
-- (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''unproved'', ''error''))', '''unproved'', ''error'', ''statement-error''))')
 WHERE type = 'table' AND name = 'run_problems';
UPDATE sqlite_master
   SET sql = replace(sql, '''policy-unavailable'', ''cancelled''))', '''policy-unavailable'', ''cancelled'', ''statement-error''))')
 WHERE type = 'table' AND name = 'attempts';
PRAGMA writable_schema = RESET;

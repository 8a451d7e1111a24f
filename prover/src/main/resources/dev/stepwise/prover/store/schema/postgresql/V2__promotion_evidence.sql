-- Schema version 2 in PostgreSQL's dialect (see ../V2__promotion_evidence.sql): BIGINT and DOUBLE PRECISION
-- for SQLite's INTEGER and REAL, as in postgresql/V1__initial.sql.
-- The figures a promotion is decided on since promotion needs evidence: both models' results on the
-- same held-out statements with the same budget and seeds, the exact McNemar test of the statements
-- only one of them proved, the rule's settings, and why it decided as it did. NULL in rounds decided
-- before (they kept only the pass rates and the margin).
ALTER TABLE rounds ADD COLUMN held_out             BIGINT  CHECK (held_out >= 1);
ALTER TABLE rounds ADD COLUMN current_solved       BIGINT  CHECK (current_solved >= 0);
ALTER TABLE rounds ADD COLUMN candidate_solved     BIGINT  CHECK (candidate_solved >= 0);
-- McNemar's b: held-out statements only the candidate proved; c: only the current model.
ALTER TABLE rounds ADD COLUMN candidate_only       BIGINT  CHECK (candidate_only >= 0);
ALTER TABLE rounds ADD COLUMN current_only         BIGINT  CHECK (current_only >= 0);
ALTER TABLE rounds ADD COLUMN p_value              DOUBLE PRECISION CHECK (p_value >= 0 AND p_value <= 1);
ALTER TABLE rounds ADD COLUMN promotion_confidence DOUBLE PRECISION CHECK (promotion_confidence >= 0 AND promotion_confidence < 1);
ALTER TABLE rounds ADD COLUMN min_held_out         BIGINT  CHECK (min_held_out >= 0);
ALTER TABLE rounds ADD COLUMN decision_basis       TEXT    CHECK (decision_basis IN ('sufficient-gain', 'too-few-held-out',
                                                                  'regression', 'no-gain', 'within-margin',
                                                                  'not-significant'));

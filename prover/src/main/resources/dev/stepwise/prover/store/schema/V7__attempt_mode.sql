-- An attempt records how it looked for its proof (issue #16): 'step' (best-first search) or
-- 'whole-proof' (complete proofs sampled from a model), and how many proofs it sampled (0 for a
-- step search). Plain ADD COLUMN with a constant default, which SQLite and PostgreSQL both take;
-- rows written before this migration are step searches.
ALTER TABLE attempts ADD COLUMN mode TEXT NOT NULL DEFAULT 'step' CHECK (mode IN ('step', 'whole-proof'));
ALTER TABLE attempts ADD COLUMN samples INTEGER NOT NULL DEFAULT 0 CHECK (samples >= 0);

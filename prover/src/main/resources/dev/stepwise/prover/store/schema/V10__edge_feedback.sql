-- A whole-proof revision (issue #16, repair) was written after a repair turn: Lean's errors in
-- Goedel-Prover-V2's self-correction message. The turn is kept with the edge it led to, NULL for an
-- edge written after the attempt's prompt alone (every edge stored before this version), so expert
-- iteration can train on the repair prompt exactly as sent and the report can show the chain. As
-- V4, a nullable column added at the end: SQLite and PostgreSQL both take it without a rewrite.
ALTER TABLE tree_edges ADD COLUMN feedback TEXT;

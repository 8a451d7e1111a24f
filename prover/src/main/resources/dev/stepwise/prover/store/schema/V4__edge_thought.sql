-- A model that thinks before each tactic (Lean-STaR, model.template lean-star) writes an informal
-- thought, then the tactic; the thought is kept with the edge it led to, NULL for a tactic written
-- without one (every edge stored before this version). A nullable column added at the end is the one
-- change SQLite's ALTER TABLE ADD COLUMN and PostgreSQL's alike make without rewriting the table.
ALTER TABLE tree_edges ADD COLUMN thought TEXT;

-- A whole-proof attempt's revisions (issue #16, repair) are counted apart from its samples: until
-- now each revision was a sample too. Plain ADD COLUMN with a constant default and correlated
-- UPDATEs, which SQLite and PostgreSQL both take. Attempts stored before this migration marked
-- their revisions only in the edge's message ("revision K of proof I: ..."), so those are counted
-- from there and taken out of the samples.
ALTER TABLE attempts ADD COLUMN revisions INTEGER NOT NULL DEFAULT 0 CHECK (revisions >= 0);
UPDATE attempts SET revisions = (SELECT COUNT(*) FROM tree_edges e
        WHERE e.attempt_id = attempts.id AND e.error_text LIKE 'revision % of proof %')
    WHERE mode = 'whole-proof';
UPDATE attempts SET samples = samples - revisions WHERE revisions > 0;

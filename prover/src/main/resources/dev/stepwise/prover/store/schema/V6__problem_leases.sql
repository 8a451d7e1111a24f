-- A run shared by workers on several machines hands out its problems as leases (#15): a worker
-- claims a problem for a while and renews the lease while it searches; a lease that runs out
-- (the worker died, its host was lost) returns the problem to the queue. lease_token grows by one
-- at every claim and is the fence: a result is written only while its writer's token is still
-- the problem's, so a stale worker that comes back cannot overwrite a newer result.
-- Written in SQL both SQLite and PostgreSQL speak (one ADD COLUMN per ALTER TABLE, BIGINT).
ALTER TABLE run_problems ADD COLUMN lease_owner TEXT;
ALTER TABLE run_problems ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE run_problems ADD COLUMN lease_expires_at BIGINT;
-- Claiming: the pending problems of a run in order, and the running ones whose lease ran out.
CREATE INDEX run_problems_by_lease ON run_problems (run_id, status, lease_expires_at);

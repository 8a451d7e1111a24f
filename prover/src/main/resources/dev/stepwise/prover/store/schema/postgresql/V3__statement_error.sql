-- Schema version 3 in PostgreSQL's dialect (see ../V3__statement_error.sql): run_problems.status and
-- attempts.outcome gain 'statement-error'. PostgreSQL alters a CHECK in place, inside the step's
-- transaction; the constraints carry the names postgresql/V1__initial.sql gave them.
ALTER TABLE run_problems
    DROP CONSTRAINT run_problems_status_check,
    ADD CONSTRAINT run_problems_status_check
        CHECK (status IN ('pending', 'running', 'proved', 'unproved', 'error', 'statement-error'));
ALTER TABLE attempts
    DROP CONSTRAINT attempts_outcome_check,
    ADD CONSTRAINT attempts_outcome_check
        CHECK (outcome IN ('proof-found', 'budget-exhausted', 'frontier-exhausted', 'environment-failure',
                           'policy-unavailable', 'cancelled', 'statement-error'));

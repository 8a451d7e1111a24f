package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The problems of a run shared by several workers, as a queue of leases. A worker claims the
 * first pending problem (or one whose lease ran out), renews the lease while it searches, and
 * writes its attempts and the problem's verdict with the lease: each write checks, in its own
 * transaction, that the lease's token is still the problem's, so a worker whose lease ran out
 * and whose problem was claimed again cannot write over the newer holder (fencing).
 *
 * <p>On PostgreSQL a claim locks the row it takes ({@code FOR UPDATE SKIP LOCKED}), so claimers
 * on many hosts pass each other instead of queueing; on SQLite the claim runs in its immediate
 * transaction, alone, with the same result. Expiry is judged by the claimer's clock: a skew
 * between hosts can only make a problem be searched twice, never a stale result win, because the
 * fence decides which write stands.
 */
public final class ProblemQueue {
    private final Database db;

    ProblemQueue(Database db) {
        this.db = db;
    }

    /**
     * Claims the first problem of {@code run}, by ordinal, that is pending or whose lease ended
     * before {@code now}; its earlier attempts (a dead holder's) are discarded with the claim.
     *
     * @return the lease, or empty when no problem is free now (all done, or all leased)
     */
    public Optional<Lease> claim(RunId run, String owner, Instant now, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        return db.writeRows("claim a problem of run " + run, c -> {
            // PostgreSQL 15 docs, SELECT, "The Locking Clause": FOR UPDATE locks the rows read until the
            // transaction ends and SKIP LOCKED passes over rows another transaction holds, so two workers
            // claiming at once take different problems. SQLite needs neither: its write transaction is exclusive.
            String lockRow = SqlDialect.of(c) == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
            long row;
            String name;
            long token;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, lease_token FROM run_problems WHERE run_id = ? "
                    + "AND (status = 'pending' OR (status = 'running' AND lease_expires_at < ?)) ORDER BY ordinal LIMIT 1"
                    + lockRow)) {
                ps.setLong(1, run.value());
                Columns.setInstant(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    row = rs.getLong(1);
                    name = rs.getString(2);
                    token = rs.getLong(3) + 1;
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attempts WHERE run_problem_id = ?")) {
                delete.setLong(1, row);
                delete.executeUpdate();
            }
            Instant expires = now.plus(lease);
            try (PreparedStatement ps = c.prepareStatement("UPDATE run_problems SET status = 'running', error = NULL, "
                    + "started_at = ?, ended_at = NULL, lease_owner = ?, lease_token = ?, lease_expires_at = ? WHERE id = ?")) {
                Columns.setInstant(ps, 1, now);
                ps.setString(2, owner);
                ps.setLong(3, token);
                Columns.setInstant(ps, 4, expires);
                ps.setLong(5, row);
                ps.executeUpdate();
            }
            return Optional.of(new Lease(run, name, token, owner, expires));
        });
    }

    /**
     * The heartbeat: extends the lease to {@code now + lease} while it is still the problem's.
     *
     * @return the renewed lease, or empty when it was lost (the problem was claimed again or finished)
     */
    public Optional<Lease> renew(Lease held, Instant now, Duration lease) {
        Instant expires = now.plus(lease);
        int updated = db.writeRows("renew the lease on " + held.problem() + " of run " + held.run(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE run_problems SET lease_expires_at = ? "
                    + "WHERE run_id = ? AND name = ? AND lease_token = ? AND status = 'running'")) {
                Columns.setInstant(ps, 1, expires);
                ps.setLong(2, held.run().value());
                ps.setString(3, held.problem());
                ps.setLong(4, held.token());
                return ps.executeUpdate();
            }
        });
        return updated == 1 ? Optional.of(new Lease(held.run(), held.problem(), held.token(), held.owner(), expires))
                : Optional.empty();
    }

    /**
     * Writes an attempt of the leased problem, with its tree and proof, if the lease is still the problem's.
     *
     * @throws LeaseLostException if it is not: nothing is written
     */
    public long recordAttempt(Lease lease, NewAttempt attempt) {
        if (!attempt.run().equals(lease.run()) || !attempt.problem().equals(lease.problem())) {
            throw new IllegalArgumentException("attempt of " + attempt.problem() + " in run " + attempt.run()
                    + " written with the lease on " + lease.problem() + " in run " + lease.run());
        }
        return db.write("record attempt " + attempt.index() + " of " + attempt.problem() + " in run " + attempt.run(), c -> {
            fence(c, lease);
            // the claim removed every earlier holder's attempts, so one at this index is this lease's own,
            // written by a try whose commit answer the network lost: writing it again is a no-op
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id FROM attempts a JOIN run_problems p "
                    + "ON a.run_problem_id = p.id WHERE p.run_id = ? AND p.name = ? AND a.attempt_index = ?")) {
                ps.setLong(1, lease.run().value());
                ps.setString(2, lease.problem());
                ps.setInt(3, attempt.index());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            return AttemptRepository.insert(c, attempt);
        });
    }

    /**
     * The problem's verdict, written if the lease is still the problem's; the lease ends with it.
     *
     * @throws LeaseLostException if it is not: the verdict is dropped, the newer holder's stands
     */
    public void finish(Lease lease, ProblemStatus status, Instant at) {
        if (status != ProblemStatus.PROVED && status != ProblemStatus.UNPROVED) {
            throw new IllegalArgumentException("finish takes PROVED or UNPROVED, got " + status);
        }
        end(lease, status, null, at);
    }

    /**
     * Ends the lease with a problem that has no verdict of the model's and Lean's: {@code ERROR} (the
     * search was cut short by faults; a resume tries it again, as in a one-machine run) or
     * {@code STATEMENT_ERROR} (Lean refused the statement), with {@code message} as the problem's error.
     *
     * @throws LeaseLostException if the lease is no longer the problem's
     */
    public void fail(Lease lease, ProblemStatus status, String message, Instant at) {
        if (status != ProblemStatus.ERROR && status != ProblemStatus.STATEMENT_ERROR) {
            throw new IllegalArgumentException("fail takes ERROR or STATEMENT_ERROR, got " + status);
        }
        end(lease, status, Objects.requireNonNull(message, "message"), at);
    }

    private void end(Lease lease, ProblemStatus status, String error, Instant at) {
        // Only the problem's own row is written, and the fence locks it (FOR UPDATE) before the
        // update: the store-wide writers' lock is not needed, and waiting for it behind other
        // workers' search trees made a finish cost 2.4 s per problem with 4 workers, 90 ms with one
        // (bench scale, this 2-core machine under load).
        db.writeRows("finish problem " + lease.problem() + " of run " + lease.run(), c -> {
            if (alreadyFinished(c, lease, status)) {
                return null; // a retry of a finish whose commit answer was lost
            }
            fence(c, lease);
            try (PreparedStatement ps = c.prepareStatement("UPDATE run_problems SET status = ?, error = ?, ended_at = ?, "
                    + "lease_owner = NULL, lease_expires_at = NULL WHERE run_id = ? AND name = ? AND lease_token = ?")) {
                ps.setString(1, status.code());
                ps.setString(2, error);
                Columns.setInstant(ps, 3, at);
                ps.setLong(4, lease.run().value());
                ps.setString(5, lease.problem());
                ps.setLong(6, lease.token());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Gives the problem back to the queue at once (a worker stopping), if the lease is still the problem's. */
    public boolean release(Lease lease) {
        return db.writeRows("release problem " + lease.problem() + " of run " + lease.run(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE run_problems SET status = 'pending', started_at = NULL, "
                    + "lease_owner = NULL, lease_expires_at = NULL WHERE run_id = ? AND name = ? AND lease_token = ? "
                    + "AND status = 'running'")) {
                ps.setLong(1, lease.run().value());
                ps.setString(2, lease.problem());
                ps.setLong(3, lease.token());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Puts the problems of {@code run} whose search faults cut short ({@code ERROR}) back in the
     * queue, for a resume to try them again as a one-machine {@code eval --resume} does; proved,
     * unproved and refused statements stay as they are. Their old attempts go with the next claim,
     * whose token is one above the last, so a holder of an old lease still cannot write.
     *
     * @return how many problems went back
     */
    public int requeueErrors(RunId run) {
        return db.writeRows("put the problems of run " + run + " that ended in error back in its queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE run_problems SET status = 'pending', error = NULL, "
                    + "started_at = NULL, ended_at = NULL, lease_owner = NULL, lease_expires_at = NULL "
                    + "WHERE run_id = ? AND status = 'error'")) {
                ps.setLong(1, run.value());
                return ps.executeUpdate();
            }
        });
    }

    /** Problems of {@code run} not finished yet: pending, or running under some lease. */
    public long unfinished(RunId run) {
        return db.read("count the unfinished problems of run " + run, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM run_problems WHERE run_id = ? AND status IN ('pending', 'running')")) {
                ps.setLong(1, run.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static boolean alreadyFinished(Connection c, Lease lease, ProblemStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM run_problems WHERE run_id = ? AND name = ? "
                + "AND lease_token = ? AND status = ?")) {
            ps.setLong(1, lease.run().value());
            ps.setString(2, lease.problem());
            ps.setLong(3, lease.token());
            ps.setString(4, status.code());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Checks, and on PostgreSQL locks until commit, the problem's row: its token must be the lease's. */
    private void fence(Connection c, Lease lease) throws SQLException {
        String lockRow = SqlDialect.of(c) == SqlDialect.POSTGRESQL ? " FOR UPDATE" : "";
        try (PreparedStatement ps = c.prepareStatement("SELECT lease_token, status, lease_owner FROM run_problems "
                + "WHERE run_id = ? AND name = ?" + lockRow)) {
            ps.setLong(1, lease.run().value());
            ps.setString(2, lease.problem());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("database " + db.location() + ": run " + lease.run() + " has no problem "
                            + lease.problem());
                }
                long token = rs.getLong(1);
                String status = rs.getString(2);
                if (token != lease.token() || !status.equals("running")) {
                    throw new LeaseLostException("problem " + lease.problem() + " of run " + lease.run() + ": lease "
                            + lease.token() + " of " + lease.owner() + " was lost (the problem is now " + status
                            + (token != lease.token() ? " under lease " + token + (rs.getString(3) == null ? ""
                                    : " of " + rs.getString(3)) : "") + "); its write is refused");
                }
            }
        }
    }
}

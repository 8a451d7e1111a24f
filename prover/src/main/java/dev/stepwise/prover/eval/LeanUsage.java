package dev.stepwise.prover.eval;

import dev.stepwise.lean.PoolCounters;
import java.time.Duration;
import java.util.Locale;

/**
 * How one invocation of a run used the Lean processes, from the pool's counters before and after
 * it: what tells a user whether more processes would help (leased nearly all the time) or not.
 *
 * @param processes the pool's size: the processes it keeps, whether alive at the end or being
 *     replaced (one recycled or restarting at the end still gave its lease time during the run)
 * @param wall the invocation's searching time
 * @param leased time processes were lent out, summed over processes
 * @param leases leases handed out (each a command, or a few when a state is rebuilt)
 * @param replays proof states rebuilt on another process by replaying their tactic path
 */
public record LeanUsage(int processes, Duration wall, Duration leased, long leases, long replays, long crashes,
        long timeouts, long restarts) {

    /**
     * @param poolSize the processes the pool keeps; not the ones alive at the end, which may be
     *     fewer while one is recycled, and then the share would exceed 100%
     */
    public static LeanUsage between(PoolCounters before, PoolCounters after, Duration wall, int poolSize) {
        return new LeanUsage(poolSize, wall, after.busy().minus(before.busy()), after.leases() - before.leases(),
                after.replays() - before.replays(), after.crashes() - before.crashes(),
                after.timeouts() - before.timeouts(), after.restarts() - before.restarts());
    }

    /** Leased time over what the processes could have given in the wall time (0 to 1). */
    public double leasedShare() {
        long capacity = wall.toNanos() * Math.max(1, processes);
        return capacity == 0 ? 0 : (double) leased.toNanos() / capacity;
    }

    /** One line for the end of a run, e.g. "Lean: 8 processes leased 96% of 24.1 s (4,396 leases; 24 states rebuilt ...)". */
    public String summary() {
        return String.format(Locale.ROOT, "Lean: %s leased %.0f%% of %.1f s (%s; %s rebuilt on another process; %s, %s, %s)",
                count(processes, "process", "processes"), 100 * leasedShare(), wall.toMillis() / 1000.0,
                count(leases, "lease", "leases"), count(replays, "state", "states"), count(crashes, "crash", "crashes"),
                count(timeouts, "timeout", "timeouts"), count(restarts, "restart", "restarts"));
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }
}

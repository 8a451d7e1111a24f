package dev.stepwise.lean;

import java.time.Duration;

/**
 * A snapshot of the pool's counters and gauges, for the CLI and the benchmarks.
 *
 * @param leases leases handed out
 * @param waits leases that had to wait for a free process
 * @param ownerWaits of those, leases that waited for the busy process holding their proof state
 * @param takeovers leases handed another process before their owner wait ended, because that
 *     process would otherwise have sat idle while they queued for their owner
 * @param timeouts requests killed at their deadline
 * @param crashes processes that crashed (exit, closed output, garbage)
 * @param restarts processes started to replace one that crashed, timed out or failed to start
 * @param recycles processes retired at a limit (commands, memory, age)
 * @param replays proof states rebuilt on another process by replaying their tactic path
 * @param busy total time processes were leased, over all processes
 * @param total processes alive and warm
 * @param idle of those, not leased
 * @param starting processes being started or waiting to be restarted
 */
public record PoolCounters(long leases, long waits, long ownerWaits, long takeovers, long timeouts, long crashes,
        long restarts, long recycles, long replays, Duration busy, int total, int idle, int starting) {
}

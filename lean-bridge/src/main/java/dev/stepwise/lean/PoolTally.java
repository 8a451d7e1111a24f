package dev.stepwise.lean;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's running counts, bumped lock-free from callers, the lending queue and the background
 * threads; {@link #snapshot} reads them into the {@link PoolCounters} the CLI and benchmarks show
 * (each field means what that record's documentation says).
 */
final class PoolTally {
    final AtomicLong leases = new AtomicLong();
    final AtomicLong waits = new AtomicLong();
    final AtomicLong ownerWaits = new AtomicLong();
    final AtomicLong takeovers = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong crashes = new AtomicLong();
    final AtomicLong restarts = new AtomicLong();
    final AtomicLong recycles = new AtomicLong();
    final AtomicLong replays = new AtomicLong();
    final AtomicLong busyNanos = new AtomicLong();

    PoolCounters snapshot(int total, int idle, int starting) {
        return new PoolCounters(leases.get(), waits.get(), ownerWaits.get(), takeovers.get(), timeouts.get(),
                crashes.get(), restarts.get(), recycles.get(), replays.get(), Duration.ofNanos(busyNanos.get()),
                total, idle, starting);
    }
}

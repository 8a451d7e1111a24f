package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.lean.PoolCounters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeanUsageTest {
    private static PoolCounters counters(long leases, long replays, long crashes, Duration busy, int total) {
        return new PoolCounters(leases, 0, 0, 0, 1, crashes, 2, 0, replays, busy, total, 0, 0);
    }

    @Test
    void countsOnlyWhatHappenedDuringTheRun() {
        PoolCounters before = counters(100, 3, 1, Duration.ofSeconds(40), 4);
        PoolCounters after = counters(1100, 10, 1, Duration.ofSeconds(112), 4);

        LeanUsage usage = LeanUsage.between(before, after, Duration.ofSeconds(20), 4);

        assertEquals(new LeanUsage(4, Duration.ofSeconds(20), Duration.ofSeconds(72), 1000, 7, 0, 0, 0), usage);
        assertEquals(0.9, usage.leasedShare(), 1e-12);
        assertEquals("Lean: 4 processes leased 90% of 20.0 s (1,000 leases; 7 states rebuilt on another process; "
                + "0 crashes, 0 timeouts, 0 restarts)", usage.summary());
    }

    @Test
    void oneProcessAndAnInstantRunReadSensibly() {
        LeanUsage usage = LeanUsage.between(counters(0, 0, 0, Duration.ZERO, 1), counters(1, 1, 1, Duration.ZERO, 1),
                Duration.ZERO, 1);
        assertEquals(0.0, usage.leasedShare());
        assertEquals("Lean: 1 process leased 0% of 0.0 s (1 lease; 1 state rebuilt on another process; 1 crash, "
                + "0 timeouts, 0 restarts)", usage.summary());
    }

    @Test
    void aProcessBeingReplacedAtTheEndStillCountsInTheShare() {
        // Two processes leased 35 s of a 20 s run between them; at the end one is being recycled.
        PoolCounters before = counters(0, 0, 0, Duration.ZERO, 2);
        PoolCounters after = counters(500, 0, 0, Duration.ofSeconds(35), 1);
        LeanUsage usage = LeanUsage.between(before, after, Duration.ofSeconds(20), 2);
        assertEquals(0.875, usage.leasedShare(), 1e-12);
        assertEquals("Lean: 2 processes leased 88% of 20.0 s (500 leases; 0 states rebuilt on another process; "
                + "0 crashes, 0 timeouts, 0 restarts)", usage.summary());
    }
}

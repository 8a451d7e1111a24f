package dev.stepwise.prover.sim.repl;

import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The simulated Lean time of the answer being made: the header import (shorter for the first one,
 * which the process's start already waited for in part) and each tactic's time, drawn from the
 * world's latency. It is not slept here: the REPL waits for it from the moment it read the
 * request, so the engine's own work (decoding, looking up the world, encoding) is part of the
 * world's latency rather than added to it.
 */
final class LeanClock {
    private final World world;
    /** The process's draws, shared with its faults so that one seed decides both, in request order. */
    private final Random rng;
    /** Until the first header import: when it is done at the latest. */
    private Instant warmBy;
    private Duration leanTime = Duration.ZERO;

    LeanClock(World world, Random rng, Instant warmBy) {
        this.world = world;
        this.rng = rng;
        this.warmBy = warmBy;
    }

    void spend(Duration d) {
        leanTime = leanTime.plus(d);
    }

    /** The time spent since the last call, then zero. */
    Duration take() {
        Duration spent = leanTime;
        leanTime = Duration.ZERO;
        return spent;
    }

    Duration importTime() {
        Duration full = world.latency().headerImport();
        if (warmBy == null) {
            return full;
        }
        Duration left = Duration.between(Instant.now(), warmBy);
        warmBy = null;
        return left.isNegative() ? Duration.ZERO : left.compareTo(full) > 0 ? full : left;
    }

    Duration tacticTime() {
        Latency l = world.latency();
        long span = l.tacticMax().toNanos() - l.tacticMin().toNanos();
        return l.tacticMin().plusNanos(span <= 0 ? 0 : (long) (rng.nextDouble() * span));
    }

    /** The world's time for a tactic that runs out of heartbeats. */
    Duration tacticTimeout() {
        return world.latency().tacticTimeout();
    }
}

package dev.stepwise.prover.sim.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated server counts, shared by its endpoints: the response ids (one sequence for
 * completions and pooling alike), completions answered, faults injected, requests running now and
 * at most, states scored.
 */
final class ServerCounters {
    final AtomicLong requestIds = new AtomicLong();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();
    final AtomicLong served = new AtomicLong();
    final AtomicLong faulted = new AtomicLong();
    final AtomicLong scored = new AtomicLong();
}

package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.Faults;
import java.util.Random;

/**
 * The world's model-server faults, drawn once per request from its random stream, in the order
 * both endpoints apply them: 429, 500, a stall (then the answer), a body cut in half.
 */
final class InjectedFaults {
    private InjectedFaults() {
    }

    /** What the draw decided: an error reply to send at once (or null), and whether the answer is cut short. */
    record Draw(Reply error, boolean malformed) {
    }

    static Draw draw(Faults f, Random rng, JsonReplies json, ServerCounters counters) throws InterruptedException {
        double roll = rng.nextDouble();
        if (roll < f.model429()) {
            counters.faulted.incrementAndGet();
            return new Draw(json.error(429, "TooManyRequests", "simulated overload: too many requests, retry later"), false);
        }
        roll -= f.model429();
        if (roll < f.model500()) {
            counters.faulted.incrementAndGet();
            return new Draw(json.error(500, "InternalServerError", "simulated internal server error"), false);
        }
        roll -= f.model500();
        if (roll < f.modelTimeout()) {
            counters.faulted.incrementAndGet();
            Thread.sleep(f.modelTimeoutDelay());
        }
        roll -= f.modelTimeout();
        return new Draw(null, roll >= 0 && roll < f.modelMalformed());
    }
}

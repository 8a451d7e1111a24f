package dev.stepwise.prover.sim.world;

import java.time.Duration;
import java.util.Objects;

/**
 * How long simulated things take. A tactic takes a uniform time in [tacticMin, tacticMax]; a
 * {@code timeout} outcome takes {@code tacticTimeout}; a completion request takes
 * {@code modelRequest} plus {@code modelPerToken} per generated token, and at most
 * {@code modelCapacity} requests are served at once (the rest queue).
 */
public record Latency(Duration replStart, Duration headerImport, Duration tacticMin, Duration tacticMax,
        Duration tacticTimeout, Duration modelRequest, Duration modelPerToken, int modelCapacity) {

    public Latency {
        nonNegative("replStart", replStart);
        nonNegative("headerImport", headerImport);
        nonNegative("tacticMin", tacticMin);
        nonNegative("tacticMax", tacticMax);
        nonNegative("tacticTimeout", tacticTimeout);
        nonNegative("modelRequest", modelRequest);
        nonNegative("modelPerToken", modelPerToken);
        if (tacticMax.compareTo(tacticMin) < 0) {
            throw new IllegalArgumentException("latency.tacticMax " + tacticMax + " is below latency.tacticMin " + tacticMin);
        }
        if (modelCapacity < 1) {
            throw new IllegalArgumentException("latency.modelCapacity must be >= 1, got " + modelCapacity);
        }
    }

    /** Fast enough for tests and dry runs, slow enough that ordering and queueing are real. */
    public static Latency quick() {
        return new Latency(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofHours(1), Duration.ofMillis(5), Duration.ofMillis(0), 64);
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, "latency." + name + " is missing");
        if (d.isNegative()) {
            throw new IllegalArgumentException("latency." + name + " is negative: " + d);
        }
    }
}

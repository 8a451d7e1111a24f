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

    /**
     * The per-tactic deadline a run against this world should use: 25 times its slowest honest
     * tactic, at least 2 seconds. A world's {@code timeout} tactics are meant to hit the deadline
     * (they run for {@code tacticTimeout}, an hour in generated worlds), and with the real default of
     * a minute two of them on two processes stalled a simulated eval for minutes; honest tactics
     * stay far inside it, also with a loaded machine's scheduling delays (seconds at worst).
     */
    public Duration tacticDeadline() {
        Duration scaled = tacticMax.multipliedBy(25);
        return scaled.compareTo(MIN_DEADLINE) < 0 ? MIN_DEADLINE : scaled;
    }

    private static final Duration MIN_DEADLINE = Duration.ofSeconds(2);

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

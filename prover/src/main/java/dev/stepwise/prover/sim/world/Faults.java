package dev.stepwise.prover.sim.world;

import java.time.Duration;
import java.util.Objects;

/**
 * Random faults, each a probability per REPL command or per completion request, and how much
 * memory a REPL process keeps per command (environments and proof states are never freed in
 * the real REPL, so its resident memory only grows).
 */
public record Faults(double replCrash, double replHang, double replGarbage, long memoryPerCommandBytes,
        double model429, double model500, double modelTimeout, double modelMalformed, Duration modelTimeoutDelay) {

    public Faults {
        probability("replCrash", replCrash);
        probability("replHang", replHang);
        probability("replGarbage", replGarbage);
        probability("model429", model429);
        probability("model500", model500);
        probability("modelTimeout", modelTimeout);
        probability("modelMalformed", modelMalformed);
        if (memoryPerCommandBytes < 0) {
            throw new IllegalArgumentException("faults.memoryPerCommandBytes must be >= 0, got " + memoryPerCommandBytes);
        }
        Objects.requireNonNull(modelTimeoutDelay, "faults.modelTimeoutDelay is missing");
        if (modelTimeoutDelay.isNegative()) {
            throw new IllegalArgumentException("faults.modelTimeoutDelay is negative");
        }
        if (replCrash + replHang + replGarbage > 1) {
            throw new IllegalArgumentException("faults.replCrash + replHang + replGarbage exceed 1");
        }
        if (model429 + model500 + modelTimeout + modelMalformed > 1) {
            throw new IllegalArgumentException("faults.model429 + model500 + modelTimeout + modelMalformed exceed 1");
        }
    }

    public static Faults none() {
        return new Faults(0, 0, 0, 0, 0, 0, 0, 0, Duration.ofMinutes(2));
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("faults." + name + " must be a probability in [0, 1], got " + p);
        }
    }
}

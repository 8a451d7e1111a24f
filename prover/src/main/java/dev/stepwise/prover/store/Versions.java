package dev.stepwise.prover.store;

import java.util.Objects;

/** What produced a run's numbers: Stepwise's build, the Lean toolchain, Mathlib, and the model. */
public record Versions(String stepwise, String lean, String mathlib, String model) {
    public Versions {
        Objects.requireNonNull(stepwise, "stepwise");
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(mathlib, "mathlib");
        Objects.requireNonNull(model, "model");
    }
}

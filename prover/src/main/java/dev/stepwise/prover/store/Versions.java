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

    /** The same build, Lean and Mathlib with another model (a whole-proof run names its own model and format). */
    public Versions withModel(String other) {
        return new Versions(stepwise, lean, mathlib, other);
    }
}

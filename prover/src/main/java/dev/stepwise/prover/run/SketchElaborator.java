package dev.stepwise.prover.run;

import dev.stepwise.prover.lean.SketchStart;
import dev.stepwise.search.Theorem;

/** Elaborates a planner's sketch as the proof of a theorem, once: {@link dev.stepwise.prover.lean.LeanProofEnvironment#sketch}. */
@FunctionalInterface
public interface SketchElaborator {

    SketchStart elaborate(Theorem theorem, String sketch);
}

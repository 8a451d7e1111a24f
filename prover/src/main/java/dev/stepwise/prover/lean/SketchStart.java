package dev.stepwise.prover.lean;

import dev.stepwise.search.ProofState;
import java.util.List;
import java.util.Objects;

/** A proof sketch elaborated once: its holes as root states for the step search, Lean's errors, or no answer. */
public sealed interface SketchStart {

    /** One root state per hole, in the sketch's order. */
    record Holes(List<ProofState> holes) implements SketchStart {
        public Holes {
            holes = List.copyOf(holes);
        }
    }

    /** Lean's errors on the sketch itself (a hole it does not know, the main goal left unsolved). */
    record Rejected(String errors) implements SketchStart {
        public Rejected {
            Objects.requireNonNull(errors, "errors");
        }
    }

    /** No answer from Lean (crash, timeout, header, no process): not the sketch's fault. */
    record Failed(String reason) implements SketchStart {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package dev.stepwise.lean;

import java.util.List;
import java.util.Objects;

/** What elaborating a proof sketch once gave: its holes as session roots, Lean's errors, or no answer. */
public sealed interface SketchElaboration {

    /**
     * The sketch elaborated without errors.
     *
     * @param holes one session per tactic-mode hole, in the order of the REPL's {@code sorries}
     * @param withoutState sorries Lean gave no proof state (term-mode ones with a type still get
     *     one; those without are dropped by the REPL and never counted here)
     */
    record Holes(List<SessionState> holes, int withoutState) implements SketchElaboration {
        public Holes {
            holes = List.copyOf(holes);
        }
    }

    /** Lean's errors on the sketch: its verdict, final for this sketch. */
    record Rejected(String errors) implements SketchElaboration {
        public Rejected {
            Objects.requireNonNull(errors, "errors");
        }
    }

    /** No verdict: a crash, a timeout, a header that failed, no process. */
    record Failed(String reason) implements SketchElaboration {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

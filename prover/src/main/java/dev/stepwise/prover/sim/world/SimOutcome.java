package dev.stepwise.prover.sim.world;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * What a simulated Lean does with one tactic at one state. Serialised with a {@code kind} field;
 * see docs/world-format.md for each kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SimOutcome.Next.class, name = "next"),
    @JsonSubTypes.Type(value = SimOutcome.Complete.class, name = "complete"),
    @JsonSubTypes.Type(value = SimOutcome.Error.class, name = "error"),
    @JsonSubTypes.Type(value = SimOutcome.Timeout.class, name = "timeout"),
    @JsonSubTypes.Type(value = SimOutcome.Crash.class, name = "crash"),
    @JsonSubTypes.Type(value = SimOutcome.Cheat.class, name = "cheat"),
    @JsonSubTypes.Type(value = SimOutcome.Have.class, name = "have"),
})
public sealed interface SimOutcome {

    /** The tactic succeeds and leads to the state with id {@code state}. */
    record Next(String state) implements SimOutcome {
        public Next {
            if (state == null || state.isBlank()) {
                throw new IllegalArgumentException("next outcome without a state id");
            }
        }
    }

    /** The tactic closes every goal, and the proof passes the acceptance gate. */
    record Complete() implements SimOutcome {
    }

    /** Lean refuses the tactic; {@code how} decides the shape of the REPL's answer. */
    record Error(ErrorKind how, String message) implements SimOutcome {
        public Error {
            Objects.requireNonNull(how, "error outcome without 'how'");
            Objects.requireNonNull(message, "error outcome without 'message'");
        }
    }

    /**
     * A {@code have NAME : T := by sorry} line of a planner's sketch: the main proof goes on at
     * {@code state} (with the new hypothesis), and the {@code sorry} leaves a hole whose goal is
     * the state {@code hole}, which Lean reports in {@code sorries} with a proof state of its own
     * (leanprover-community/repl, REPL/Main.lean {@code sorries}, test/have_by_sorry). The same
     * line with a proof after its {@code by} instead of {@code sorry} proves the hole with it.
     */
    record Have(String state, String hole) implements SimOutcome {
        public Have {
            if (state == null || state.isBlank() || hole == null || hole.isBlank()) {
                throw new IllegalArgumentException("have outcome needs a state and a hole (state ids)");
            }
        }
    }

    /** The tactic runs for {@code Latency.tacticTimeout}, far past any sane deadline. */
    record Timeout() implements SimOutcome {
    }

    /** The REPL process dies while answering (a stack overflow, the OOM killer). */
    record Crash() implements SimOutcome {
    }

    /**
     * The tactic completes in tactic mode (the REPL answers {@code Completed}) but the proof is
     * not acceptable: only re-elaborating the theorem and auditing its axioms shows it.
     */
    record Cheat(CheatKind how, String detail) implements SimOutcome {
        public Cheat {
            Objects.requireNonNull(how, "cheat outcome without 'how'");
            Objects.requireNonNull(detail, "cheat outcome without 'detail'");
        }
    }

    /** How a Lean error reaches the client. */
    enum ErrorKind {
        /**
         * Elaboration error with error recovery: {@code goals: []}, an error message and
         * {@code proofStatus: "Incomplete: contains sorry"} (the trap a failed {@code exact} sets).
         */
        ELABORATION,
        /** The tactic does not parse: {@code {"message": "Lean error:\n<input>:1:C: ..."}}. */
        PARSE,
        /** The tactic throws (e.g. {@code exact?} giving up): {@code {"message": "Lean error:\n..."}}. */
        EXCEPTION
    }

    /** What the acceptance gate finds when it re-elaborates a proof using a cheat. */
    enum CheatKind {
        /** {@code #print axioms} lists {@code detail}, an axiom outside the standard three. */
        AXIOM,
        /** The re-elaborated declaration fails the kernel: its type is {@code detail}, not the statement. */
        STATEMENT
    }
}

package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.LeanError;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * The acceptance check as whole-proof attempts ask it: the verdict, and for a repair turn the
 * theorem text Lean elaborated with Lean's errors in it. {@link GateAcceptor#checkWhole} is the one
 * the application uses.
 */
@FunctionalInterface
public interface WholeProofChecker {

    Checked check(Theorem theorem, Proof proof);

    /** A verdict, the text checked, and Lean's positioned errors in that text (empty when none or not Lean's). */
    record Checked(AcceptanceVerdict verdict, String text, List<LeanError> errors) {
        public Checked {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(text, "text");
            errors = List.copyOf(errors);
        }
    }

    /** A plain acceptor's verdicts, with no errors to repair from. */
    static WholeProofChecker of(ProofAcceptor acceptor) {
        return (theorem, proof) -> new Checked(acceptor.check(theorem, proof),
                GateAcceptor.theoremText(theorem.statement(), proof.tactics()), List.of());
    }
}

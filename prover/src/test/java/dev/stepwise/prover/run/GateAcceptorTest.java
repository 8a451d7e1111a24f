package dev.stepwise.prover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.stepwise.lean.GateDecision;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's "unchecked" (Lean crashed or timed out while checking) is asked again, never a rejection. */
class GateAcceptorTest {
    private static final Theorem THEOREM = new Theorem("t", "import Mathlib", "theorem t : 1 + 1 = 2 := by");
    private static final Proof PROOF = new Proof(List.of(new ProofStep("⊢ 1 + 1 = 2", "norm_num")));

    private static GateVerdict unchecked() {
        return new GateVerdict("t", GateDecision.UNCHECKED, List.of("re-elaboration ran past 2000 ms"), List.of());
    }

    private static GateVerdict accepted() {
        return new GateVerdict("t", GateDecision.ACCEPTED, List.of(), List.of("propext"));
    }

    /** A gate that answers the given verdicts in turn, counting the checks. */
    private static final class Scripted implements GateAcceptor.TheoremCheck {
        final Deque<GateVerdict> answers;
        int checks;

        Scripted(GateVerdict... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public GateVerdict check(String header, String name, String referenceStatement, String theorem) {
            checks++;
            assertEquals("theorem t : 1 + 1 = 2 := by\n  norm_num", theorem);
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    @Test
    void aCheckLeanDidNotAnswerIsAskedAgain() {
        Scripted gate = new Scripted(unchecked(), unchecked(), accepted());
        GateAcceptor acceptor = new GateAcceptor(gate, InstantSource.system());
        assertInstanceOf(AcceptanceVerdict.Accepted.class, acceptor.check(THEOREM, PROOF));
        assertEquals(3, gate.checks);
    }

    @Test
    void anAcceptedVerdictCarriesTheGatesAxiomsAndTimeBackToTheSearch() {
        Scripted gate = new Scripted(unchecked(), accepted());
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        Instant[] now = {t0};
        // Each reading moves the clock on 400 ms: one reading before the checks, one after.
        InstantSource clock = () -> now[0] = now[0].plusMillis(400);
        GateAcceptor acceptor = new GateAcceptor(gate, clock);
        assertEquals(new AcceptanceVerdict.Accepted(List.of(), List.of("propext"), Duration.ofMillis(400)),
                acceptor.check(THEOREM, PROOF));
    }

    @Test
    void lastingSilenceIsUncheckedNeverARejection() {
        Scripted gate = new Scripted(unchecked());
        GateAcceptor acceptor = new GateAcceptor(gate, InstantSource.system());
        var verdict = assertInstanceOf(AcceptanceVerdict.Unchecked.class, acceptor.check(THEOREM, PROOF));
        assertEquals("3 checks got no answer from Lean: re-elaboration ran past 2000 ms", verdict.reason());
        assertEquals(GateAcceptor.UNCHECKED_TRIES, gate.checks);
    }

    @Test
    void aRejectionIsFinalAtOnce() {
        Scripted gate = new Scripted(new GateVerdict("t", GateDecision.REJECTED, List.of("depends on axiom sorryAx"),
                List.of("sorryAx")));
        GateAcceptor acceptor = new GateAcceptor(gate, InstantSource.system());
        var verdict = assertInstanceOf(AcceptanceVerdict.Rejected.class, acceptor.check(THEOREM, PROOF));
        assertEquals("depends on axiom sorryAx", verdict.reason());
        assertEquals(1, gate.checks);
    }
}

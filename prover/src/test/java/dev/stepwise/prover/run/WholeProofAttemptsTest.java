package dev.stepwise.prover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.client.FinishReason;
import dev.stepwise.prover.policy.client.Sample;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whole-proof attempts against a scripted model and gate: what is checked, what stops them, how they end. */
class WholeProofAttemptsTest {
    private static final Theorem T = new Theorem("t", "import Mathlib\n\n", "theorem t (x : ℕ) : x + 0 = x := by");
    private static final String GOOD = "```lean4\nimport Mathlib\n\ntheorem t (x : ℕ) : x + 0 = x := by\n  simp\n```";
    private static final String BAD = "```lean4\nimport Mathlib\n\ntheorem t (x : ℕ) : x + 0 = x := by\n  rfl\n  done\n```";

    private static Completions replies(int n, String text, long tokensEach) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Sample(text, 0, (int) tokensEach, FinishReason.STOP, ""));
        }
        return new Completions(s, 10, n * tokensEach);
    }

    private static TheoremResult run(WholeProofPlan plan, WholeProofSampler sampler, ProofAcceptor gate, int attempts) {
        try (WholeProofAttempts a = new WholeProofAttempts(plan, sampler, WholeProofChecker.of(gate), InstantSource.system(), 2, 1)) {
            return a.submit(T, "", new AttemptPlan(attempts, List.of(0.0), 7)).join();
        }
    }

    @Test
    void theGateSeesTheReferenceStatementWithTheRepliesProofAndTheFirstAcceptedOneEndsTheTheorem() {
        List<String> checked = Collections.synchronizedList(new ArrayList<>());
        ProofAcceptor gate = (theorem, proof) -> {
            checked.add(GateAcceptor.theoremText(theorem.statement(), proof.tactics()));
            return proof.script().equals("simp") ? AcceptanceVerdict.ACCEPTED : new AcceptanceVerdict.Rejected("unsolved goals");
        };
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch accepted = new CountDownLatch(1);
        ProofAcceptor telling = (theorem, proof) -> {
            AcceptanceVerdict v = gate.check(theorem, proof);
            if (v instanceof AcceptanceVerdict.Accepted) {
                accepted.countDown();
            }
            return v;
        };
        WholeProofSampler sampler = (prompt, n, seed) -> {
            int k = requests.getAndIncrement();
            if (k >= 2) {
                // A later request is still being answered when the proof is accepted (as a model takes time).
                try {
                    accepted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return replies(n, k == 0 ? BAD : GOOD, 5);
        };
        TheoremResult r = run(new WholeProofPlan(WholeProofTemplate.named("goedel-prover-v2"), 12, 2, 0), sampler, telling, 3);
        assertTrue(r.proved());
        assertEquals(0, r.winningAttempt());
        assertEquals(2, r.attemptsNotRun(), "later attempts of a proved theorem never run");
        assertTrue(checked.contains("theorem t (x : ℕ) : x + 0 = x := by\n  rfl\n  done"), checked.toString());
        assertTrue(checked.contains("theorem t (x : ℕ) : x + 0 = x := by\n  simp"), checked.toString());
        // One request in flight at a time: the second request's first proof is accepted, at most the one request
        // being answered then still comes back (and may be checked), and the other requests are never sent.
        assertTrue(requests.get() >= 2 && requests.get() <= 3, "requests sent: " + requests.get());
        List<EdgeRecord> edges = r.winner().orElseThrow().tree().edges();
        assertEquals(EdgeKind.PROOF_REJECTED, edges.get(0).kind());
        assertEquals("unsolved goals", edges.get(0).message());
        assertTrue(edges.stream().anyMatch(e -> e.kind() == EdgeKind.PROOF_COMPLETE));
        assertTrue(edges.size() <= 2 * requests.get() && edges.size() < 12, edges.toString());
    }

    @Test
    void repliesWithoutCodeAreNeverSentToLeanAndTheTokenBudgetStopsTheRequests() {
        AtomicInteger gated = new AtomicInteger();
        ProofAcceptor gate = (theorem, proof) -> {
            gated.incrementAndGet();
            return AcceptanceVerdict.ACCEPTED;
        };
        AtomicInteger requests = new AtomicInteger();
        WholeProofSampler sampler = (prompt, n, seed) -> {
            requests.incrementAndGet();
            return replies(n, "I think the answer is simp, but the block never closes:\n```lean4\ntheorem t", 100);
        };
        TheoremResult r = run(new WholeProofPlan(WholeProofTemplate.named("kimina-prover"), 40, 4, 500), sampler, gate, 1);
        assertEquals(0, gated.get());
        // 410 tokens after the first request, 820 after the second: the third is not sent.
        assertEquals(2, requests.get());
        var attempt = r.attempts().get(0).result();
        var failed = assertInstanceOf(SearchOutcome.Failed.class, attempt.outcome());
        assertEquals(FailureReason.BUDGET_TOKENS, failed.reason());
        assertEquals(8, attempt.tree().edges().size());
        attempt.tree().edges().forEach(e -> {
            assertEquals(EdgeKind.FILTERED, e.kind());
            assertEquals("the reply has no lean4 code block", e.message());
        });
    }

    @Test
    void aModelServerThatCannotAnswerIsRetriedOnResumeNotCountedAsUnproved() {
        WholeProofSampler down = (prompt, n, seed) -> {
            throw new PolicyUnavailableException("model server unavailable: connection refused");
        };
        TheoremResult r = run(new WholeProofPlan(WholeProofTemplate.named("deepseek-prover-v2"), 4, 2, 0), down,
                ProofAcceptor.ACCEPT_ALL, 1);
        var failed = assertInstanceOf(SearchOutcome.Failed.class, r.attempts().get(0).result().outcome());
        assertEquals(FailureReason.POLICY_UNAVAILABLE, failed.reason());
    }
}

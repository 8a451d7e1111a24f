package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.iteration.AttemptTree;
import dev.stepwise.iteration.EdgeKind;
import dev.stepwise.iteration.Example;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.ProofRecord;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.SearchTreeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.SearchOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IterationRecordsTest {

    @Test
    void aStoredAttemptBecomesTheTreeHarvestingReads() {
        NewAttempt a = Samples.provedAttempt(new RunId(3), "p0000", 0, 2, "");
        Attempt stored = new Attempt(17L, a.run(), a.problem(), a.index(), a.seed(), a.alpha(),
                Optional.of(Samples.proof(2)), Optional.empty(), a.counts(), a.timings(), a.startedAt(), a.endedAt());
        AttemptTree tree = IterationRecords.attemptTree(stored, a.tree());
        assertEquals("17", tree.attempt());
        assertEquals(dev.stepwise.iteration.Verdict.ACCEPTED, tree.verdict());
        assertEquals(List.of(new AttemptTree.Node(a.tree().nodes().get(0).goals()),
                new AttemptTree.Node(a.tree().nodes().get(1).goals())), tree.nodes());
        assertEquals(List.of(
                new AttemptTree.Edge(0, "simp_all [h0]", -1.5, 6, EdgeKind.LEAN_ERROR, "simp made no progress", null),
                new AttemptTree.Edge(0, "rw [Nat.add_comm]", -0.5, 5, EdgeKind.PROGRESS, null, 1),
                new AttemptTree.Edge(1, "simp_all [h1]", -1.5, 6, EdgeKind.LEAN_ERROR, "simp made no progress", null),
                new AttemptTree.Edge(1, "omega", -0.2, 2, EdgeKind.PROOF_COMPLETE, null, null)), tree.edges());

        Attempt failed = new Attempt(19L, a.run(), a.problem(), 2, a.seed(), a.alpha(),
                Optional.empty(), Optional.of(new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, "")), a.counts(), a.timings(), a.startedAt(),
                a.endedAt());
        assertEquals(dev.stepwise.iteration.Verdict.NO_PROOF,
                IterationRecords.attemptTree(failed, SearchTreeRecord.empty()).verdict());
    }

    @Test
    void harvestedExamplesKeepTheirContentHash() {
        RoundId round = new RoundId(2);
        Example sft = new Example.Sft("mathd_algebra_478", "17", "[GOAL]\n⊢ 1 + 1 = 2\n[PROOFSTEP]\n", "norm_num");
        Example dpo = new Example.Preference(dev.stepwise.iteration.ExampleKind.DPO, "mathd_algebra_478", "17",
                "[GOAL]\n⊢ 1 + 1 = 2\n[PROOFSTEP]\n", "norm_num", "linarith");
        Example critic = new Example.Preference(dev.stepwise.iteration.ExampleKind.CRITIC, "mathd_algebra_478", "17",
                "", "⊢ 2 = 2", "⊢ 1 + 1 = 2");
        for (Example e : List.of(sft, dpo, critic)) {
            NewExample row = IterationRecords.newExample(round, e, FilterVerdict.kept(3.0));
            assertEquals(e.contentHash(), row.contentHash(), e.toString());
            assertEquals(e.kind().name(), row.kind().name());
            assertEquals("mathd_algebra_478", row.sourceProblem());
            assertEquals(e.prompt(), row.content().prompt());
            assertEquals("17", row.sourceAttempt());
            assertEquals(FilterVerdict.kept(3.0), row.filter());
        }
        assertEquals(new ExampleContent.Preference("[GOAL]\n⊢ 1 + 1 = 2\n[PROOFSTEP]\n", "norm_num", "linarith"),
                IterationRecords.newExample(round, dpo, null).content());
    }
}

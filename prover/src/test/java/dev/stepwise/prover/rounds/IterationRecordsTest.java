package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.iteration.Example;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.ProofRecord;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.iteration.SearchedAttempt;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
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
        SearchedAttempt tree = IterationRecords.attemptTree(stored, a.tree());
        assertEquals("17", tree.attempt());
        assertEquals(dev.stepwise.iteration.Verdict.ACCEPTED, tree.verdict());
        // Harvesting reads the stored tree as it is: no second shape of it.
        assertEquals(a.tree(), tree.tree());
        assertEquals(List.of(a.tree().nodes().get(0).goals(), a.tree().nodes().get(1).goals()),
                tree.tree().nodes().stream().map(NodeRecord::goals).toList());
        assertEquals(List.of(
                new EdgeRecord(0, EdgeRecord.NO_NODE, "simp_all [h0]", -1.5, 6, -0.25, EdgeKind.LEAN_ERROR, "simp made no progress", 12_345),
                new EdgeRecord(0, 1, "rw [Nat.add_comm]", -0.5, 5, -0.1, EdgeKind.PROGRESS, "", 3_000),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "simp_all [h1]", -1.5, 6, -0.25, EdgeKind.LEAN_ERROR, "simp made no progress", 12_345),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "omega", -0.2, 2, -0.1, EdgeKind.PROOF_COMPLETE, "", 40_000)),
                tree.tree().edges());

        Attempt failed = new Attempt(19L, a.run(), a.problem(), 2, a.seed(), a.alpha(),
                Optional.empty(), Optional.of(new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, "")), a.counts(), a.timings(), a.startedAt(),
                a.endedAt());
        assertEquals(dev.stepwise.iteration.Verdict.NO_PROOF,
                IterationRecords.attemptTree(failed, RecordedTree.empty()).verdict());
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

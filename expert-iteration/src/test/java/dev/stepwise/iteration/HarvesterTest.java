package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarvesterTest {
    private final Harvester harvester = new Harvester(Trees.renderer());

    private static List<Example> ofKind(Harvest h, ExampleKind kind) {
        return h.examples().stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void proofPathBecomesStateTacticPairsWithTheProofSoFar() {
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR,
                List.of(Trees.standard("a0")))));
        assertEquals(1, h.proofs());
        assertEquals(2, h.proofSteps());
        assertEquals(List.of(new Example.Sft("t1", "a0", "t1||⊢ a:::", " step1"),
                new Example.Sft("t1", "a0", "t1|step1|⊢ b:::", " finish")), ofKind(h, ExampleKind.SFT));
    }

    @Test
    void dpoPairsPitTheProofTacticAgainstSiblingsLeanRefused() {
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR,
                List.of(Trees.standard("a0")))));
        // "x" timed out and "side" made progress: neither is a Lean refusal, so neither is a DPO negative.
        assertEquals(List.of(new Example.Preference(ExampleKind.DPO, "t1", "a0", "t1||⊢ a:::", " step1", " bad1"),
                new Example.Preference(ExampleKind.DPO, "t1", "a0", "t1|step1|⊢ b:::", " finish", " bad2")),
                ofKind(h, ExampleKind.DPO));
    }

    @Test
    void criticPairsPreferLaterStatesAndSiblingsThatLeadToAProof() {
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR,
                List.of(Trees.standard("a0")))));
        String ctx = "theorem t1 : True := by";
        assertEquals(List.of(new Example.Preference(ExampleKind.CRITIC, "t1", "a0", ctx, "⊢ b", "⊢ a"),
                new Example.Preference(ExampleKind.CRITIC, "t1", "a0", ctx, "⊢ b", "⊢ dead")), ofKind(h, ExampleKind.CRITIC));
        assertEquals("1 proofs (2 steps): 2 sft, 2 dpo, 2 critic examples", h.summary());
    }

    @Test
    void onlyTheShortestAcceptedProofOfAStatementIsHarvested() {
        Trees longer = Trees.attempt("long", Verdict.ACCEPTED, "⊢ a");
        int n1 = longer.progress(0, "s1", "⊢ m1");
        int n2 = longer.progress(n1, "s2", "⊢ m2");
        longer.complete(n2, "s3");
        // The rejected attempt has a one-step proof, but the gate refused it: it must not count.
        Trees cheat = Trees.attempt("cheat", Verdict.REJECTED, "⊢ a");
        cheat.complete(0, "native_decide");
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR,
                List.of(longer.build(), cheat.build(), Trees.standard("short")))));
        assertEquals(2, h.proofSteps());
        assertTrue(h.examples().stream().allMatch(e -> e.attempt().equals("short")));
    }

    @Test
    void shortestPathIsFoundThroughSharedStatesOfTheDag() {
        Trees t = Trees.attempt("dag", Verdict.ACCEPTED, "⊢ a");
        int x = t.progress(0, "long1", "⊢ x");
        int y = t.progress(x, "long2", "⊢ y");
        t.complete(y, "done");
        t.progressTo(0, "jump", y);
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t2"), Difficulty.REGULAR, List.of(t.build()))));
        assertEquals(List.of(" jump", " done"), ofKind(h, ExampleKind.SFT).stream().map(e -> ((Example.Sft) e).completion()).toList());
    }

    @Test
    void unprovedStatementsYieldNothing() {
        Trees t = Trees.attempt("a", Verdict.NO_PROOF, "⊢ a");
        t.fail(0, "bad", EdgeKind.LEAN_ERROR);
        Harvest h = harvester.harvest(List.of(new SearchedProblem(Trees.theorem("t3"), Difficulty.REGULAR, List.of(t.build()))));
        assertEquals(0, h.proofs());
        assertEquals(List.of(), h.examples());
    }

    @Test
    void edgesOutsideTheTreeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordedTree(
                List.of(new NodeRecord(0, "⊢ a", 1, Status.OPEN, 0, 0, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0)),
                List.of(new EdgeRecord(0, 3, "t", -1, 1, -1, EdgeKind.PROGRESS, "", 0))));
        assertEquals("edge 0 (t) refers to node 3 of 1", e.getMessage());
    }
}

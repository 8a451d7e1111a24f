package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Status;
import dev.stepwise.search.TheoremResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTreesTest {

    private static SearchResult result(SearchOutcome outcome, RecordedTree tree) {
        return new SearchResult("t1", 1, 0.5, outcome, tree, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                tree.nodes().size(), 1, tree.edges().size(), 10, 10, 0, 0, 1);
    }

    /** The standard tree of the harvest tests, as the search records it, plus a filtered and a cyclic candidate. */
    private static RecordedTree recorded() {
        List<NodeRecord> nodes = List.of(new NodeRecord(0, "⊢ a", 1, Status.PROVED, 0, 0, 2, 0, 5),
                new NodeRecord(1, "⊢ b", 1, Status.PROVED, 1, -0.5, 1, 1, 5),
                new NodeRecord(2, "⊢ dead", 1, Status.FAILED, 1, -0.5, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0));
        List<EdgeRecord> edges = List.of(
                new EdgeRecord(0, EdgeRecord.NO_NODE, "bad1", -1, 2, -1, EdgeKind.LEAN_ERROR, "error: bad1", 10),
                new EdgeRecord(0, 1, "step1", -0.5, 2, -0.5, EdgeKind.PROGRESS, "", 10),
                new EdgeRecord(0, 2, "side", -0.5, 2, -0.5, EdgeKind.PROGRESS, "", 10),
                new EdgeRecord(0, EdgeRecord.NO_NODE, "sorry", -0.2, 1, -0.2, EdgeKind.FILTERED, "forbidden", 0),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "bad2", -1, 2, -1, EdgeKind.LEAN_ERROR, "error: bad2", 10),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "skip", -1, 2, -1, EdgeKind.CYCLE, "back to 0", 10),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "finish", -0.1, 1, -0.1, EdgeKind.PROOF_COMPLETE, "", 10));
        return new RecordedTree(nodes, edges);
    }

    @Test
    void aSearchResultHarvestsLikeTheSameHandMadeTree() {
        SearchResult proved = result(new SearchOutcome.Proved(new Proof(List.of(new ProofStep("⊢ a", "step1"),
                new ProofStep("⊢ b", "finish"))), AcceptanceVerdict.ACCEPTED), recorded());
        SearchedProblem p = SearchTrees.problem(new TheoremResult(Trees.theorem("t1"), 0, List.of(new AttemptResult(0, proved)), 0),
                Difficulty.REGULAR);
        assertEquals("t1#0", p.attempts().getFirst().attempt());
        assertEquals(Verdict.ACCEPTED, p.attempts().getFirst().verdict());
        // Harvesting holds the search's own tree, not a copy in another shape.
        assertEquals(recorded(), p.attempts().getFirst().tree());
        Harvester h = new Harvester(Trees.renderer());
        // Filtered and cyclic candidates are not Lean refusals: the harvest equals that of the hand-made tree.
        Harvest fromSearch = h.harvest(List.of(p));
        Harvest handMade = h.harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR, List.of(Trees.standard("t1#0")))));
        assertEquals(handMade.examples(), fromSearch.examples());
    }

    @Test
    void aProofTheAcceptanceCheckRefusedIsRejectedAndAFailureHasNoProof() {
        RecordedTree refused = new RecordedTree(List.of(new NodeRecord(0, "⊢ a", 1, Status.FAILED, 0, 0, NodeRecord.UNPROVED, 0, 1)),
                List.of(new EdgeRecord(0, EdgeRecord.NO_NODE, "native_decide", -0.1, 1, -0.1,
                        EdgeKind.PROOF_REJECTED, "axiom Lean.ofReduceBool", 10)));
        SearchedAttempt t = SearchTrees.attempt("a", result(new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, ""), refused));
        assertEquals(Verdict.REJECTED, t.verdict());
        // The refused proof stays in the tree as the search recorded it; harvesting never takes it for Lean's refusal.
        assertEquals(new EdgeRecord(0, EdgeRecord.NO_NODE, "native_decide", -0.1, 1, -0.1, EdgeKind.PROOF_REJECTED,
                "axiom Lean.ofReduceBool", 10), t.tree().edges().getFirst());
        assertEquals(refused, t.tree());
        RecordedTree plain = new RecordedTree(List.of(new NodeRecord(0, "⊢ a", 1, Status.FAILED, 0, 0, NodeRecord.UNPROVED, 0, 1)),
                List.of());
        assertEquals(Verdict.NO_PROOF, SearchTrees.attempt("b", result(new SearchOutcome.Failed(FailureReason.BUDGET_EXPANSIONS, ""),
                plain)).verdict());
    }
}

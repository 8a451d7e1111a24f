package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report highlights the proof the search extracted, not every edge between proved nodes. */
class ProofPathHighlightTest {
    private static final Pattern HIGHLIGHTED = Pattern.compile("<li class=\"edge [a-z]+ proofpath\"><code>([^<]*)</code>");

    private static NodeRecord node(int id, String goal, Status status, int depth, int distance) {
        return new NodeRecord(id, goal, 1, status, depth, 0, distance, NodeRecord.NOT_EXPANDED, 0);
    }

    private static EdgeRecord edge(int parent, String tactic, EdgeKind kind, int child) {
        return new EdgeRecord(parent, child, tactic, -1.0, 2, -1.0, kind, kind == EdgeKind.LEAN_ERROR ? "error" : "", 5_000);
    }

    /**
     * Two proofs: a -> b -> c (three tactics) and d -> e (two), and a merge f from the long
     * proof's first state into the short proof's. Every node is proved.
     */
    static RecordedTree twoProofs() {
        return new RecordedTree(
                List.of(node(0, "⊢ root", Status.PROVED, 0, 2), node(1, "⊢ after a", Status.PROVED, 1, 2),
                        node(2, "⊢ after b", Status.PROVED, 2, 1), node(3, "⊢ after d", Status.PROVED, 1, 1)),
                List.of(edge(0, "a", EdgeKind.PROGRESS, 1), edge(0, "d", EdgeKind.PROGRESS, 3),
                        edge(1, "b", EdgeKind.PROGRESS, 2), edge(2, "c", EdgeKind.PROOF_COMPLETE, EdgeRecord.NO_NODE),
                        edge(1, "f", EdgeKind.PROGRESS, 3), edge(3, "e", EdgeKind.PROOF_COMPLETE, EdgeRecord.NO_NODE),
                        edge(0, "x", EdgeKind.LEAN_ERROR, EdgeRecord.NO_NODE)));
    }

    /** The tactics of the edges the problem page draws as the proof path, sorted. */
    private static List<String> highlighted(RecordedTree tree) {
        ReportData run = ReportFixtures.run();
        ReportData.ProblemPage first = run.problems().getFirst();
        String html = HtmlReport.problemPage(run, new ReportData.ProblemPage(first.header(), first.statement(), first.result(), tree));
        List<String> out = new ArrayList<>();
        Matcher m = HIGHLIGHTED.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void onlyTheShorterOfTwoProofsIsHighlighted() {
        RecordedTree tree = twoProofs();
        assertEquals(List.of(1, 5), tree.proofEdges());
        assertEquals(List.of("d", "e"), highlighted(tree));
    }

    @Test
    void anUnprovedTreeOrOneWithoutDistancesHighlightsNothing() {
        RecordedTree open = new RecordedTree(List.of(node(0, "⊢ root", Status.OPEN, 0, NodeRecord.UNPROVED)),
                List.of(edge(0, "x", EdgeKind.LEAN_ERROR, EdgeRecord.NO_NODE)));
        assertEquals(List.of(), open.proofEdges());
        assertEquals(List.of(), RecordedTree.empty().proofEdges());
        assertEquals(List.of(), highlighted(open));
    }
}

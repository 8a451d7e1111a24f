package dev.stepwise.prover.report;

import dev.stepwise.prover.eval.StoredRun;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.SearchTreeRecord;
import dev.stepwise.prover.store.TreeEdge;
import dev.stepwise.prover.store.TreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a report's data from a stored run. The report reads eval's view of the store; eval
 * knows nothing of reports, so dependencies run one way.
 */
public final class ReportLoader {
    private ReportLoader() {
    }

    /** The report of the run: every problem with the tree of its winning (or else largest) attempt. */
    public static ReportData read(StoredRun run) {
        List<ReportData.ProblemPage> pages = new ArrayList<>();
        for (StoredRun.StoredProblem p : run.problems()) {
            ReportData.Tree tree = shownAttempt(p.attempts()).map(a -> tree(run.tree(a))).orElse(ReportData.Tree.empty());
            pages.add(new ReportData.ProblemPage(p.row().problem().header(), p.row().problem().formalStatement(), p.result(),
                    tree));
        }
        return new ReportData(run.info(), pages);
    }

    private static Optional<Attempt> shownAttempt(List<Attempt> attempts) {
        return attempts.stream().filter(Attempt::proved).findFirst()
                .or(() -> attempts.stream().max(Comparator.comparingInt(a -> a.counts().expansions())));
    }

    static ReportData.Tree tree(SearchTreeRecord tree) {
        List<ReportData.Node> nodes = new ArrayList<>();
        for (int i = 0; i < tree.nodes().size(); i++) {
            TreeNode n = tree.nodes().get(i);
            nodes.add(new ReportData.Node(i, n.goals(), n.status().name().toLowerCase(Locale.ROOT)));
        }
        // Only the proof the search extracted is highlighted, not every edge between proved nodes.
        Set<Integer> proof = Set.copyOf(tree.shortestProofEdges());
        List<ReportData.Edge> edges = new ArrayList<>();
        for (int i = 0; i < tree.edges().size(); i++) {
            TreeEdge e = tree.edges().get(i);
            edges.add(new ReportData.Edge(e.parent(), e.child() == null ? -1 : e.child(), e.tactic(), e.score(),
                    e.outcome().code().replace('-', '_'), e.errorText() == null ? "" : e.errorText(), proof.contains(i)));
        }
        return new ReportData.Tree(nodes, edges);
    }
}

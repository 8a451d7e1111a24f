package dev.stepwise.prover.store;

import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Converts what the search module returns (its recorded tree and attempt result) into the store's records. */
public final class SearchRecords {
    private SearchRecords() {
    }

    /** The search's recorded tree as stored: node ids are list positions in both. */
    public static SearchTreeRecord tree(RecordedTree tree) {
        List<TreeNode> nodes = tree.nodes().stream().map(SearchRecords::node).toList();
        List<TreeEdge> edges = tree.edges().stream().map(SearchRecords::edge).toList();
        return new SearchTreeRecord(nodes, edges);
    }

    static TreeNode node(NodeRecord n) {
        NodeStatus status = switch (n.status()) {
            case OPEN -> NodeStatus.OPEN;
            case PROVED -> NodeStatus.PROVED;
            case FAILED -> NodeStatus.FAILED;
        };
        return new TreeNode(n.goals(), n.goalCount(), status, n.depth(), n.priority(),
                n.distanceToProof() == NodeRecord.UNPROVED ? null : n.distanceToProof(),
                n.expanded() ? n.expansionOrder() : null, Duration.of(n.policyMicros(), ChronoUnit.MICROS));
    }

    static TreeEdge edge(EdgeRecord e) {
        return new TreeEdge(e.source(), e.tactic(), e.logProbSum(), e.tokenCount(), e.score(), EdgeOutcome.of(e.kind()),
                e.message().isEmpty() ? null : e.message(), Duration.of(e.environmentMicros(), ChronoUnit.MICROS),
                e.target() == EdgeRecord.NO_NODE ? null : e.target());
    }

    /**
     * An attempt that ended without a proof. The store keeps one code for all budgets and names the
     * budget in the detail ({@link OutcomeCodes}).
     */
    public static NewAttempt failedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt) {
        if (!(result.outcome() instanceof SearchOutcome.Failed)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found a proof; use provedAttempt");
        }
        return attempt(run, problem, index, result, startedAt);
    }

    /**
     * An attempt whose proof the search's acceptance check passed; the check's verdict comes with
     * the proof in the search's outcome.
     */
    public static NewAttempt provedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt) {
        if (!(result.outcome() instanceof SearchOutcome.Proved)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found no proof; use failedAttempt");
        }
        return attempt(run, problem, index, result, startedAt);
    }

    private static NewAttempt attempt(RunId run, String problem, int index, SearchResult r, Instant startedAt) {
        SearchCounts counts = new SearchCounts(Math.toIntExact(r.expansions()), Math.toIntExact(r.tacticApplications()),
                r.tokens());
        SearchTimings timings = new SearchTimings(r.totalTime(), r.policyTime(), r.environmentTime());
        return new NewAttempt(run, problem, index, r.seed(), r.alpha(), r.outcome(), counts, timings, startedAt,
                startedAt.plus(r.totalTime()), tree(r.tree()));
    }
}

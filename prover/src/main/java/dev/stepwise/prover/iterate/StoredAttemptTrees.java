package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.AttemptTree;
import dev.stepwise.iteration.Difficulty;
import dev.stepwise.iteration.EdgeKind;
import dev.stepwise.iteration.SearchedProblem;
import dev.stepwise.iteration.Verdict;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.AttemptOutcome;
import dev.stepwise.prover.store.EdgeOutcome;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.SearchTreeRecord;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.TreeEdge;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored run's attempts as harvesting reads them. Rounds read their searches back from the
 * store rather than from the scheduler's results, so a search resumed after a kill hands over
 * exactly what an uninterrupted one would have.
 */
final class StoredAttemptTrees {
    private StoredAttemptTrees() {
    }

    /** One result per theorem, in the given order, each with every stored attempt of the run. */
    static List<SearchedProblem> of(Store store, RunId run, List<Theorem> theorems) {
        Map<String, List<Attempt>> byProblem = new LinkedHashMap<>();
        for (Attempt a : store.attempts().forRun(run)) {
            byProblem.computeIfAbsent(a.problem(), k -> new ArrayList<>()).add(a);
        }
        List<SearchedProblem> out = new ArrayList<>(theorems.size());
        for (Theorem t : theorems) {
            List<AttemptTree> trees = new ArrayList<>();
            for (Attempt a : byProblem.getOrDefault(t.name(), List.of())) {
                trees.add(tree(t.name() + "#" + a.index(), a.outcome(), store.attempts().tree(a.id())));
            }
            out.add(new SearchedProblem(t, Difficulty.REGULAR, trees));
        }
        return out;
    }

    static AttemptTree tree(String name, AttemptOutcome outcome, SearchTreeRecord record) {
        Verdict verdict = switch (outcome) {
            case AttemptOutcome.ProofFound f -> f.proof().verdict().verdict() == dev.stepwise.prover.store.Verdict.ACCEPTED
                    ? Verdict.ACCEPTED : Verdict.REJECTED;
            case AttemptOutcome.NoProof n -> record.edges().stream().anyMatch(e -> e.outcome() == EdgeOutcome.PROOF_REJECTED)
                    ? Verdict.REJECTED : Verdict.NO_PROOF;
        };
        List<AttemptTree.Node> nodes = record.nodes().stream().map(n -> new AttemptTree.Node(n.goals())).toList();
        List<AttemptTree.Edge> edges = record.edges().stream().map(StoredAttemptTrees::edge).toList();
        return new AttemptTree(name, verdict, nodes, edges);
    }

    private static AttemptTree.Edge edge(TreeEdge e) {
        EdgeKind kind = switch (e.outcome()) {
            case PROGRESS -> EdgeKind.PROGRESS;
            case PROOF_COMPLETE -> EdgeKind.PROOF_COMPLETE;
            case LEAN_ERROR -> EdgeKind.LEAN_ERROR;
            case TIMEOUT -> EdgeKind.TIMEOUT;
            case CRASHED -> EdgeKind.CRASHED;
            // None of these is Lean refusing the tactic, so none may serve as a DPO negative.
            case REJECTED, PROOF_REJECTED, FILTERED, CYCLE -> EdgeKind.REJECTED;
        };
        return new AttemptTree.Edge(e.parent(), e.tactic(), Math.min(0.0, e.logProbSum()), e.tokenCount(), kind, e.errorText(),
                kind == EdgeKind.PROGRESS ? e.child() : null);
    }
}

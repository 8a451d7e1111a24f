package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.AttemptTree;
import dev.stepwise.iteration.SearchTrees;
import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.SearchTreeRecord;
import java.util.List;

/**
 * Converts between the store's records and the expert-iteration module's, which knows nothing of
 * storage: stored attempts become the trees harvesting reads, harvested examples become rows.
 */
public final class IterationRecords {
    private IterationRecords() {
    }

    /** The tree harvesting reads; the attempt is named by its database id. */
    public static AttemptTree attemptTree(Attempt attempt, SearchTreeRecord tree) {
        // Only accepted proofs are stored (the search keeps no other), so a stored proof is an accepted one.
        dev.stepwise.iteration.Verdict verdict = attempt.proved() ? dev.stepwise.iteration.Verdict.ACCEPTED
                : dev.stepwise.iteration.Verdict.NO_PROOF;
        List<AttemptTree.Node> nodes = tree.nodes().stream().map(n -> new AttemptTree.Node(n.goals())).toList();
        List<AttemptTree.Edge> edges = tree.edges().stream().map(e -> new AttemptTree.Edge(e.parent(), e.tactic(),
                e.logProbSum(), e.tokenCount(), SearchTrees.kind(e.outcome().kind()), e.errorText(), e.child())).toList();
        return new AttemptTree(Long.toString(attempt.id()), verdict, nodes, edges);
    }

    /**
     * A harvested example as a row of {@code round}.
     *
     * @param filter the filter stage's verdict on it, or null before filtering
     */
    public static NewExample newExample(RoundId round, Example example, FilterVerdict filter) {
        return switch (example) {
            case Example.Sft sft -> new NewExample(round, ExampleKind.SFT,
                    new ExampleContent.Completion(sft.prompt(), sft.completion()), sft.problem(), sft.attempt(), filter);
            case Example.Preference p -> new NewExample(round, p.kind(), new ExampleContent.Preference(p.prompt(), p.chosen(), p.rejected()), p.problem(), p.attempt(), filter);
        };
    }
}

package dev.stepwise.iteration;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.TheoremResult;
import java.util.List;

/**
 * The search's results as harvesting reads them: each attempt's tree as it is, with a verdict. The
 * search accepts a proof before it records the closing edge as complete, so an attempt with a proof
 * is an accepted one; a closing edge the acceptance check refused makes the attempt rejected.
 */
public final class SearchTrees {
    private SearchTrees() {
    }

    /** Every attempt of a theorem, named {@code THEOREM#ATTEMPT}. */
    public static SearchedProblem problem(TheoremResult result, Difficulty difficulty) {
        List<SearchedAttempt> attempts = result.attempts().stream()
                .map(a -> attempt(result.theorem().name() + "#" + a.attempt(), a.result()))
                .toList();
        return new SearchedProblem(result.theorem(), difficulty, attempts);
    }

    public static SearchedAttempt attempt(String name, SearchResult result) {
        RecordedTree tree = result.tree();
        boolean rejected = tree.edges().stream().anyMatch(e -> e.kind() == EdgeKind.PROOF_REJECTED);
        Verdict verdict = result.proved() ? Verdict.ACCEPTED : rejected ? Verdict.REJECTED : Verdict.NO_PROOF;
        return new SearchedAttempt(name, verdict, tree);
    }
}

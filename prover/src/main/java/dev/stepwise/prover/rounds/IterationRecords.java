package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.SearchedAttempt;
import dev.stepwise.iteration.Verdict;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.search.RecordedTree;

/**
 * Converts between the store's records and the expert-iteration module's, which knows nothing of
 * storage: stored attempts become the trees harvesting reads, harvested examples become rows.
 */
public final class IterationRecords {
    private IterationRecords() {
    }

    /** The attempt as harvesting reads it, its stored tree as it is; the attempt is named by its database id. */
    public static SearchedAttempt attemptTree(Attempt attempt, RecordedTree tree) {
        // Only accepted proofs are stored (the search keeps no other), so a stored proof is an accepted one.
        Verdict verdict = attempt.proved() ? Verdict.ACCEPTED : Verdict.NO_PROOF;
        return new SearchedAttempt(Long.toString(attempt.id()), verdict, tree, attempt.mode());
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

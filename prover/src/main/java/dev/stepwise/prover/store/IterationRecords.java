package dev.stepwise.prover.store;

import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.SearchedAttempt;
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
        dev.stepwise.iteration.Verdict verdict = switch (attempt.outcome()) {
            case AttemptOutcome.ProofFound found -> switch (found.proof().verdict().verdict()) {
                case ACCEPTED -> dev.stepwise.iteration.Verdict.ACCEPTED;
                case REJECTED -> dev.stepwise.iteration.Verdict.REJECTED;
            };
            case AttemptOutcome.NoProof none -> dev.stepwise.iteration.Verdict.NO_PROOF;
        };
        return new SearchedAttempt(attempt.id().toString(), verdict, tree);
    }

    /**
     * A harvested example as a row of {@code round}.
     *
     * @param filter the filter stage's verdict on it, or null before filtering
     */
    public static NewExample newExample(RoundId round, Example example, ExampleFilter filter) {
        return switch (example) {
            case Example.Sft sft -> new NewExample(round, ExampleKind.SFT,
                    new ExampleContent.Completion(sft.prompt(), sft.completion()), sft.problem(), sft.attempt(), filter);
            case Example.Preference p -> new NewExample(round, switch (p.kind()) {
                case SFT -> throw new IllegalArgumentException("a preference pair is never SFT");
                case DPO -> ExampleKind.DPO;
                case CRITIC -> ExampleKind.CRITIC;
            }, new ExampleContent.Preference(p.prompt(), p.chosen(), p.rejected()), p.problem(), p.attempt(), filter);
        };
    }
}

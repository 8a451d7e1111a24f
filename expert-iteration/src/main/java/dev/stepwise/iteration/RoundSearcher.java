package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * Runs searches for a round (the application's eval machinery). A job's {@code runName} is the
 * same every time a round asks for it, so after a kill the application resumes that run instead
 * of redoing the problems it finished.
 */
public interface RoundSearcher {

    /** Why a round searches. */
    enum Purpose {
        /** The cheap pass that marks easy statements. */
        PREPASS,
        /** The round's search with the current model. */
        SEARCH,
        /** The fixed-budget evaluation of a model on the held-out split. */
        EVALUATE,
        /**
         * One attempt at each of a round's new conjectures (the conjecture stage runs several such jobs, each
         * with its own seed, to measure a success rate: a search stops at its first proof).
         */
        CONJECTURE
    }

    /**
     * @param round the round the job belongs to (its runs are recorded under it)
     * @param seed the sampling seed of the job's searches (attempt i samples with seed + i): the round's
     *     own, so that two jobs of one round meet the same draws and two rounds do not
     */
    record Job(int round, String runName, Purpose purpose, String model, List<Theorem> problems, long seed) {
        public Job {
            if (round < 1) {
                throw new IllegalArgumentException("round numbers start at 1, got " + round);
            }
            Objects.requireNonNull(runName, "runName");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(model, "model");
            problems = List.copyOf(problems);
        }
    }

    /** One result per problem of the job, in the job's order, each with its attempts' trees. */
    List<SearchedProblem> search(Job job);
}

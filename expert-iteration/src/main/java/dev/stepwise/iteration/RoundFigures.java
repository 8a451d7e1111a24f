package dev.stepwise.iteration;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The numbers of one round, read from what its completed stages left: the statements it solved,
 * the examples it harvested, kept and exported, and both models' pass rates at evaluate. A part
 * is null until the stage that produces it has completed.
 *
 * @param selection from the select stage
 * @param search from the search stage
 * @param examples from the filter stage
 * @param exported from the export stage
 * @param evaluation from the evaluate stage
 */
public record RoundFigures(RoundRecord round, Selection selection, Searched search, Examples examples, Exported exported,
        Evaluation evaluation) {
    public RoundFigures {
        Objects.requireNonNull(round, "round");
    }

    /**
     * @param poolSize statements in the pool
     * @param heldOut of them, held out for evaluation (never searched for training)
     * @param solvedBefore statements of the pool (outside the held-out split) solved before the round
     * @param selected unsolved statements the round chose to search
     */
    public record Selection(int poolSize, int heldOut, int solvedBefore, int selected) {
        public Selection {
            if (poolSize < 0 || heldOut < 0 || solvedBefore < 0 || selected < 0 || heldOut + solvedBefore > poolSize) {
                throw new IllegalArgumentException("inconsistent selection: pool " + poolSize + ", held out " + heldOut
                        + ", solved before " + solvedBefore + ", selected " + selected);
            }
        }

        /** The statements rounds search and may solve: the pool without the held-out split. */
        public int searchable() {
            return poolSize - heldOut;
        }
    }

    /**
     * @param searched statements searched
     * @param proved statements proved, the pre-pass's included: all of them were unsolved before
     * @param easy of them, proved by the cheap pre-pass
     */
    public record Searched(int searched, int proved, int easy) {
        public Searched {
            if (searched < 0 || proved < 0 || easy < 0 || proved > searched || easy > proved) {
                throw new IllegalArgumentException("inconsistent search counts: searched " + searched + ", proved " + proved
                        + ", easy " + easy);
            }
        }
    }

    /** What the filters did with the harvested examples (of every kind). */
    public record Examples(int kept, int dropped) {
        public Examples {
            if (kept < 0 || dropped < 0) {
                throw new IllegalArgumentException("negative example counts: kept " + kept + ", dropped " + dropped);
            }
        }

        public int harvested() {
            return kept + dropped;
        }
    }

    /** Examples written to the training files (each once, whatever the number of formats of its kind). */
    public record Exported(int train, int valid) {
        public Exported {
            if (train < 0 || valid < 0) {
                throw new IllegalArgumentException("negative export counts: " + train + " train, " + valid + " valid");
            }
        }
    }

    /** Held-out statements proved by the model in service and by the candidate, with the same budget. */
    public record Evaluation(int total, String currentModel, int currentSolved, String candidateModel, int candidateSolved) {
        public Evaluation {
            Objects.requireNonNull(currentModel, "currentModel");
            Objects.requireNonNull(candidateModel, "candidateModel");
            if (total < 1 || currentSolved < 0 || currentSolved > total || candidateSolved < 0 || candidateSolved > total) {
                throw new IllegalArgumentException("inconsistent evaluation: " + currentSolved + " and " + candidateSolved
                        + " solved of " + total);
            }
        }

        public double currentPassRate() {
            return currentSolved / (double) total;
        }

        public double candidatePassRate() {
            return candidateSolved / (double) total;
        }
    }

    /** Statements of the pool solved once this round's search is done; empty before its search completed. */
    public OptionalInt solvedAfter() {
        return selection == null || search == null ? OptionalInt.empty() : OptionalInt.of(selection.solvedBefore() + search.proved());
    }

    /** From the round's start to its end, or to its last stage end while it is unfinished; empty before any stage ended. */
    public Optional<Duration> duration() {
        if (round.endedAt() != null) {
            return Optional.of(Duration.between(round.startedAt(), round.endedAt()));
        }
        return round.stages().stream().map(StageRecord::endedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(end -> Duration.between(round.startedAt(), end));
    }
}

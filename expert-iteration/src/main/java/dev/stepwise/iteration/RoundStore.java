package dev.stepwise.iteration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where rounds and their stages are recorded (the application's database). Every method is one
 * durable write or read: a round killed between two calls resumes from what was recorded.
 */
public interface RoundStore {

    /**
     * Records a new round in its first stage, running.
     *
     * @throws IterationException (usage) if the number is taken or another round is running
     */
    RoundRecord start(int number, String pool, String configJson, String currentModel, Instant at);

    /** Marks a failed or killed round running again. */
    void resume(int number);

    /** Enters a stage; a stage entered before and never completed starts over. */
    void beginStage(int number, Stage stage, Instant at);

    void completeStage(int number, Stage stage, String summary, Instant at);

    void setCandidate(int number, String candidateModel);

    void decide(int number, PromotionDecision decision);

    void complete(int number, Instant at);

    /** The round stopped with an error; the stage it was in is marked failed with it. */
    void fail(int number, String error, Instant at);

    Optional<RoundRecord> find(int number);

    /** Every round by number. */
    List<RoundRecord> list();

    /**
     * Records the filter stage's outcome: every harvested example of the round, kept or dropped,
     * with its perplexity when it was scored. Recording the same round again replaces its examples.
     */
    void recordExamples(int number, Filtered filtered);

    /** Content hashes of the examples kept by rounds before {@code number} (cross-round dedup). */
    Set<String> keptHashesBefore(int number);
}

package dev.stepwise.iteration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What a round needs from the application, wired in its composition root.
 *
 * @param dataDir where rounds keep their directories and the lock
 */
public record RoundServices(RoundStore store, RoundSearcher searcher, ProblemHistory history, CriticScorer critic,
        TacticScorer scorer, PromptRenderer renderer, ModelServing serving, TrainerLauncher trainer, ObjectMapper json,
        InstantSource clock, Path dataDir, ThoughtWriter thoughts,
        Conjecturing conjecturing) {
    /** The services of a round without a thoughts stage. */
    public RoundServices(RoundStore store, RoundSearcher searcher, ProblemHistory history, CriticScorer critic,
            TacticScorer scorer, PromptRenderer renderer, ModelServing serving, TrainerLauncher trainer, ObjectMapper json,
            InstantSource clock, Path dataDir) {
        this(store, searcher, history, critic, scorer, renderer, serving, trainer, json, clock, dataDir, ThoughtWriter.OFF);
    }

    /** The services of a round without a conjecture stage. */
    public RoundServices(RoundStore store, RoundSearcher searcher, ProblemHistory history, CriticScorer critic,
            TacticScorer scorer, PromptRenderer renderer, ModelServing serving, TrainerLauncher trainer, ObjectMapper json,
            InstantSource clock, Path dataDir, ThoughtWriter thoughts) {
        this(store, searcher, history, critic, scorer, renderer, serving, trainer, json, clock, dataDir, thoughts,
                Conjecturing.OFF);
    }

    public RoundServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(searcher, "searcher");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(critic, "critic");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(thoughts, "thoughts");
        Objects.requireNonNull(conjecturing, "conjecturing");
    }

    Path roundsDir() {
        return roundsDir(dataDir);
    }

    static Path roundsDir(Path dataDir) {
        return dataDir.resolve("rounds");
    }

    RoundFiles files(int number) {
        return new RoundFiles(roundsDir(), number, json);
    }
}

package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * One round as its stages see it.
 *
 * @param pool the pool's statements (reloaded by the application on resume)
 * @param currentModel the model in service when the round started
 */
record RoundContext(int number, String poolName, List<Theorem> pool, RoundSettings settings, String configJson,
        String currentModel, RoundServices services, RoundFiles files) {
    RoundContext {
        Objects.requireNonNull(poolName, "poolName");
        pool = List.copyOf(pool);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(currentModel, "currentModel");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(files, "files");
    }

    /** The sampling seed of every search of this round (see {@link RoundSettings#roundSeed}). */
    long seed() {
        return settings.roundSeed(number);
    }

    String runName(String what) {
        return "round-" + number + "-" + what;
    }

    StageOutputs.Selection selection() {
        return files.read(RoundFiles.SELECTION, StageOutputs.Selection.class);
    }

    StageOutputs.SearchOutput searchOutput() {
        return files.read(RoundFiles.SEARCH, StageOutputs.SearchOutput.class);
    }

    Lineage lineage() {
        return new Lineage(services);
    }
}

package dev.stepwise.prover.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What defines a run, stored as its configuration JSON: the dataset and problem selection, the
 * search budget and sampling, and every effective configuration value. Two invocations with the
 * same {@code EvalConfig} are the same run, which is how re-running a command resumes it.
 *
 * @param problems the selected problem names in order (after --problems and --limit)
 * @param settings every configuration key with its effective text value
 */
public record EvalConfig(String dataset, List<String> problems, Budget budget, List<Double> alphas, double temperature,
        String scoreMode, long seed, double attemptTimeoutSeconds, Map<String, String> settings) {

    /**
     * The settings entry of a run whose dataset targets another Lean than its project runs
     * ({@code --allow-version-mismatch}): the line naming both, shown wherever the run's numbers are.
     */
    public static final String LEAN_MISMATCH = "lean-mismatch";

    /** The settings entry naming the simulated world file a run ran against ({@code --simulate}); "" for a real run. */
    public static final String SIMULATE = "simulate";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public EvalConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(scoreMode, "scoreMode");
        problems = List.copyOf(problems);
        alphas = List.copyOf(alphas);
        settings = new TreeMap<>(settings);
        if (alphas.isEmpty()) {
            throw new IllegalArgumentException("at least one alpha is needed");
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
    }

    /** The version mismatch the run was allowed to run with, if any ({@link #LEAN_MISMATCH}). */
    public Optional<String> mismatchLabel() {
        return Optional.ofNullable(settings.get(LEAN_MISMATCH));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the run configuration", e);
        }
    }

    /**
     * The world file a stored configuration names ({@link #SIMULATE}), or "" when it names none;
     * read leniently, since it only sorts runs (a configuration stored by hand may lack the rest).
     */
    public static String simulatedWorld(String json) {
        try {
            return JSON.readTree(json).path("settings").path(SIMULATE).asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    public static EvalConfig fromJson(String json) {
        try {
            return JSON.readValue(json, EvalConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored run configuration is not readable: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.stepwise.prover.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Keys of the best-first search and of running many attempts at once. Defaults are the
 * BFS-Prover-V2 release settings; {@link SearchSettings} turns them into the search's records.
 */
public final class SearchKeys {
    private SearchKeys() {
    }

    private static final Set<String> SCORE_MODES = Set.of("sum", "mean");
    private static final Set<String> CRITIC_MODES = Set.of("policy-only", "critic-only", "weighted");
    private static final Set<String> MODES = Set.of("step", "whole-proof", "sketch");

    public static final ConfigKey MODE = ConfigKey.of("search.mode", ValueType.STRING, "step",
            "how an attempt looks for a proof: step (best-first search, a tactic at a time), whole-proof "
                    + "(sample complete proofs from model.whole-proof-template's model, each through the acceptance gate) "
                    + "or sketch (planner.url's model writes a sketch with sorry holes, each hole searched step by step); "
                    + "several, comma-separated (e.g. sketch,step), are tried in turn until one proves the theorem")
            .restrictedTo(SearchKeys::modes, "step, whole-proof or sketch, or several of them comma-separated, each once");
    public static final ConfigKey SAMPLES = ConfigKey.positiveInt("search.samples", 32,
            "whole-proof mode: complete proofs sampled per attempt (pass@attempts x samples); the attempt stops at the "
                    + "first accepted one");
    public static final ConfigKey SAMPLE_BATCH = ConfigKey.positiveInt("search.sample-batch", 8,
            "whole-proof mode: proofs asked for in one request (n); requests of all theorems share "
                    + "search.policy-in-flight");

    public static final ConfigKey REVISIONS = ConfigKey.of("search.revisions", ValueType.INT, 0,
            "whole-proof mode: how often a proof Lean refused goes back to the model with Lean's errors "
                    + "(Goedel-Prover-V2's self-correction turn), each revision checked by the gate; 0 for none")
            .restrictedTo(v -> (Integer) v >= 0 && (Integer) v <= 64, "0 to 64");
    public static final ConfigKey WIDTH = ConfigKey.of("search.width", ValueType.INT, 4,
            "W: tactics asked of the model per expansion")
            .restrictedTo(v -> (Integer) v >= 1 && (Integer) v <= 1024, "1 to 1024");
    public static final ConfigKey ALPHAS = ConfigKey.of("search.alpha", ValueType.DOUBLE_LIST, List.of(2.0),
            "path-length normalisation of a state's priority (sum of scores) / L^alpha: 0 cumulative, 1 mean per "
                    + "step, more goes deeper; several values are taken in turn by the attempts (e.g. 0,0.5,1)")
            .restrictedTo(v -> !((List<?>) v).isEmpty()
                    && ((List<?>) v).stream().allMatch(a -> (Double) a >= 0 && Double.isFinite((Double) a)),
                    "one or more numbers >= 0");
    public static final ConfigKey SCORE_MODE = ConfigKey.of("search.score-mode", ValueType.STRING, "mean",
            "a tactic's score: sum or mean of its token log-probabilities")
            .restrictedTo(v -> SCORE_MODES.contains(v), "sum or mean");
    public static final ConfigKey TEMPERATURE = ConfigKey.of("search.temperature", ValueType.DOUBLE, 1.3,
            "the model's sampling temperature")
            .restrictedTo(v -> (Double) v >= 0 && Double.isFinite((Double) v), "a number >= 0");
    public static final ConfigKey ATTEMPTS = ConfigKey.positiveInt("search.attempts", 1,
            "A: attempts per theorem (pass@A); the others stop once one attempt's proof is accepted");
    public static final ConfigKey SEED = ConfigKey.of("search.seed", ValueType.LONG, 0L,
            "seed of attempt 0; attempt i uses seed + i");
    public static final ConfigKey MAX_EXPANSIONS = ConfigKey.of("search.max-expansions", ValueType.LONG, 0L,
            "N: expansions per attempt (0 = no limit)")
            .restrictedTo(v -> (Long) v >= 0, "0 (no limit) or more");
    public static final ConfigKey MAX_TACTICS = ConfigKey.of("search.max-tactics", ValueType.LONG, 0L,
            "tactic applications per attempt (0 = no limit)")
            .restrictedTo(v -> (Long) v >= 0, "0 (no limit) or more");
    public static final ConfigKey MAX_TOKENS = ConfigKey.of("search.max-tokens", ValueType.LONG, 0L,
            "model tokens (prompt + completion) per attempt (0 = no limit)")
            .restrictedTo(v -> (Long) v >= 0, "0 (no limit) or more");
    public static final ConfigKey TIME_LIMIT = ConfigKey.of("search.time-limit", ValueType.DURATION,
            Duration.ofSeconds(600), "wall time per attempt (0s = no limit); the per-tactic timeout is Lean's own key")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey FORBIDDEN_DEFAULTS = ConfigKey.of("search.forbidden-defaults", ValueType.BOOLEAN, true,
            "drop the BFS-Prover-V2 forbidden tactics (sorry, admit, native_decide, rcases/cases'/simpa with ?_, simpa with a bare _, exactly as its released search)");
    public static final ConfigKey FORBIDDEN_EXTRA = ConfigKey.of("search.forbidden", ValueType.STRING_LIST, List.of(),
            "more texts: a tactic containing any of them never reaches Lean");
    public static final ConfigKey CRITIC = ConfigKey.of("search.critic", ValueType.STRING, "policy-only",
            "how a critic orders the frontier: policy-only, critic-only, or weighted (policy + weight * critic)")
            .restrictedTo(v -> CRITIC_MODES.contains(v), "policy-only, critic-only or weighted");
    public static final ConfigKey CRITIC_WEIGHT = ConfigKey.of("search.critic-weight", ValueType.DOUBLE, 1.0,
            "the critic's weight in weighted mode")
            .restrictedTo(v -> (Double) v >= 0 && Double.isFinite((Double) v), "a number >= 0");
    public static final ConfigKey CRITIC_URL = ConfigKey.of("search.critic-url", ValueType.STRING, "",
            "base URL of the critic (a reward model served by vLLM's pooling API, POST /pooling) that search.critic "
                    + "critic-only or weighted asks; with --simulate, the simulated server's");
    public static final ConfigKey CRITIC_MODEL = ConfigKey.of("search.critic-model", ValueType.STRING, "",
            "the critic's model name on its server (empty: the server's only model)");
    /**
     * Where the state goes in {@link #CRITIC_TEMPLATE}. Defined here, the lowest layer that needs it,
     * so that configuration checks it without reaching up to the critic (which reads it from here).
     */
    public static final String CRITIC_STATE = "{state}";
    public static final ConfigKey CRITIC_TEMPLATE = ConfigKey.of("search.critic-template", ValueType.STRING, "",
            "the text the critic scores for a proof state, " + CRITIC_STATE + " standing for the state (empty: "
                    + "InternLM2.5-StepProver-critic's chat turn)")
            .restrictedTo(v -> ((String) v).isEmpty() || ((String) v).contains(CRITIC_STATE),
                    "empty, or a text containing " + CRITIC_STATE);
    public static final ConfigKey CONCURRENT_ATTEMPTS = ConfigKey.positiveInt("search.concurrent-attempts", 64,
            "attempts running at once (each holds its tree in memory)");
    public static final ConfigKey POLICY_IN_FLIGHT = ConfigKey.positiveInt("search.policy-in-flight", 64,
            "model requests in flight at once over all attempts");
    public static final ConfigKey LEAN_IN_FLIGHT = ConfigKey.of("search.lean-in-flight", ValueType.INT, 0,
            "Lean calls in progress or queued for a process at once over all attempts (0 = no cap beyond "
                    + "search.concurrent-attempts: the pool queues each call for the process holding its proof state)")
            .restrictedTo(v -> (Integer) v >= 0, "0 (no cap) or more");

    private static boolean modes(Object v) {
        String[] parts = ((String) v).split(",", -1);
        Set<String> seen = new java.util.HashSet<>();
        for (String p : parts) {
            if (!MODES.contains(p.strip()) || !seen.add(p.strip())) {
                return false;
            }
        }
        return true;
    }

    /** The keys of a budget A×W×N (attempts × width × expansions, 0 for none) as flag values. */
    public static java.util.Map<String, String> budget(int attempts, int width, long expansions) {
        return java.util.Map.of(ATTEMPTS.name(), String.valueOf(attempts), WIDTH.name(), String.valueOf(width),
                MAX_EXPANSIONS.name(), String.valueOf(expansions));
    }

    public static final List<ConfigKey> ALL = List.of(MODE, SAMPLES, SAMPLE_BATCH, REVISIONS, WIDTH, ALPHAS, SCORE_MODE, TEMPERATURE, ATTEMPTS, SEED,
            MAX_EXPANSIONS, MAX_TACTICS, MAX_TOKENS, TIME_LIMIT, FORBIDDEN_DEFAULTS, FORBIDDEN_EXTRA, CRITIC,
            CRITIC_WEIGHT, CRITIC_URL, CRITIC_MODEL, CRITIC_TEMPLATE, CONCURRENT_ATTEMPTS, POLICY_IN_FLIGHT, LEAN_IN_FLIGHT);
}

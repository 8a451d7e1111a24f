package dev.stepwise.prover.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Keys of the tactic policy: which one, how to reach the model server, prompts and budgets. */
public final class PolicyKeys {
    private PolicyKeys() {
    }

    private static final Set<String> KINDS = Set.of("auto", "portfolio", "server");
    private static final Set<String> SERVERS = Set.of("vllm", "sglang", "llama-cpp");
    private static final Set<String> TEMPLATES = Set.of("bfs-prover", "internlm25-stepprover", "internlm2-stepprover",
            "reprover-vllm", "reprover-byt5", "lean-star", "custom");

    public static final ConfigKey KIND = ConfigKey.of("policy.kind", ValueType.STRING, "auto",
            "which policy proposes tactics: server (a model server at model.url), portfolio (CPU automation "
                    + "tactics, far weaker than a trained model), or auto (server when model.url is set)")
            .restrictedTo(v -> KINDS.contains(v), "auto, portfolio or server");
    public static final ConfigKey URLS = ConfigKey.of("model.url", ValueType.STRING_LIST, List.of(),
            "base URLs of the model servers or replicas, e.g. http://gpu-host:8000 (comma-separated)");
    public static final ConfigKey SERVER = ConfigKey.of("model.server", ValueType.STRING, "vllm",
            "the server software: vllm, sglang or llama-cpp (they differ in request and log-prob fields)")
            .restrictedTo(v -> SERVERS.contains(v), "vllm, sglang or llama-cpp");
    public static final ConfigKey NAME = ConfigKey.of("model.name", ValueType.STRING, "",
            "model name sent in each request: the name the server serves (or a loaded LoRA adapter's)");
    public static final ConfigKey API_KEY = ConfigKey.of("model.api-key", ValueType.SECRET, "",
            "bearer token for the model server (vllm --api-key); never printed");
    public static final ConfigKey TEMPLATE = ConfigKey.of("model.template", ValueType.STRING, "bfs-prover",
            "prompt format: bfs-prover, internlm25-stepprover, internlm2-stepprover, reprover-vllm (ReProver's vLLM"
                    + " generator), reprover-byt5 (the raw state of ReProver's ByT5 model), lean-star (a thought, then the tactic), or custom")
            .restrictedTo(v -> TEMPLATES.contains(v),
                    "bfs-prover, internlm25-stepprover, internlm2-stepprover, reprover-vllm, reprover-byt5, lean-star or custom");
    /** The built-in whole-proof formats (policy/prompt's WholeProofTemplate; WholeProofKeysTest keeps the two lists equal). */
    static final List<String> WHOLE_PROOF_TEMPLATES = List.of("deepseek-prover-v1.5", "deepseek-prover-v1.5-cot",
            "deepseek-prover-v2", "goedel-prover-v2", "kimina-prover");
    public static final ConfigKey WHOLE_PROOF_TEMPLATE = ConfigKey.of("model.whole-proof-template", ValueType.STRING,
            "deepseek-prover-v2", "prompt format of a whole-proof model (search.mode=whole-proof): "
                    + String.join(", ", WHOLE_PROOF_TEMPLATES))
            .restrictedTo(v -> WHOLE_PROOF_TEMPLATES.contains(v), String.join(", ", WHOLE_PROOF_TEMPLATES));
    public static final ConfigKey TEMPLATE_TEXT = ConfigKey.of("model.template-text", ValueType.STRING, "",
            "the custom prompt with placeholders {state} {name} {proof_before} {header} ({{ and }} for braces)");
    public static final ConfigKey TEMPLATE_STOP = ConfigKey.of("model.template-stop", ValueType.STRING_LIST, List.of(),
            "stop strings of the custom template");
    public static final ConfigKey TEMPLATE_PREFIX = ConfigKey.of("model.template-prefix", ValueType.STRING, "",
            "text the custom model writes before the tactic, cut off its completions");
    public static final ConfigKey TOKENIZER = ConfigKey.of("model.tokenizer", ValueType.PATH, null,
            "the model's tokenizer.json (read offline) to cut prompts by tokens; unset: cut by characters");
    // The three lengths default to the released settings of model.template (shown here: bfs-prover's, the
    // default template); a value set in a file, the environment or a flag wins. See ReleasedSettings.
    public static final ConfigKey PROMPT_BUDGET = ConfigKey.positiveInt("model.prompt-budget", 16384 - 2048,
            "most tokens a prompt may have when model.tokenizer is set; longer states are cut"
                    + " (default: the template's released context less its max-tokens)");
    public static final ConfigKey PROMPT_CHARS = ConfigKey.positiveInt("model.prompt-chars", 3 * (16384 - 2048),
            "most characters a prompt may have when no tokenizer is set (default: about 3 per token of the"
                    + " template's prompt budget)");
    public static final ConfigKey MAX_TOKENS = ConfigKey.positiveInt("model.max-tokens", 2048,
            "most tokens of one tactic (max_tokens; default: what the template's released search samples)");
    public static final ConfigKey LOGPROBS_MODE = ConfigKey.of("model.logprobs-mode", ValueType.STRING, "raw",
            "which distribution the log-probs the search ranks on come from: raw (the model's own, before temperature;"
                    + " vLLM's and llama-server's default) or processed (after temperature and top-p). llama-server takes it per"
                    + " request; vLLM and SGLang fix it at start (make serve-model LOGPROBS_MODE=...), so say how they run")
            .restrictedTo(v -> v.equals("raw") || v.equals("processed"), "raw or processed");
    public static final ConfigKey TOP_P = ConfigKey.of("model.top-p", ValueType.DOUBLE, 1.0,
            "nucleus sampling mass (top_p)").restrictedTo(v -> (Double) v > 0 && (Double) v <= 1, "in (0, 1]");
    public static final ConfigKey KEEP_TRUNCATED = ConfigKey.of("model.keep-truncated", ValueType.BOOLEAN, false,
            "keep tactics the server cut at max-tokens (finish_reason=length); dropped by default");
    public static final ConfigKey REQUEST_TIMEOUT = ConfigKey.of("model.request-timeout", ValueType.DURATION,
            Duration.ofSeconds(120), "deadline of one policy request, retries and fail-over included")
            .restrictedTo(v -> !((Duration) v).isNegative() && !((Duration) v).isZero(), "more than zero");
    public static final ConfigKey CONNECT_TIMEOUT = ConfigKey.of("model.connect-timeout", ValueType.DURATION,
            Duration.ofSeconds(5), "how long to wait for a TCP connection to a model server")
            .restrictedTo(v -> !((Duration) v).isNegative() && !((Duration) v).isZero(), "more than zero");
    public static final ConfigKey RETRIES = ConfigKey.of("model.retries", ValueType.INT, 3,
            "retries of a request on 429, 5xx or a timeout, with backoff and jitter")
            .restrictedTo(v -> (Integer) v >= 0, "zero or more");
    public static final ConfigKey RETRY_BACKOFF = ConfigKey.of("model.retry-backoff", ValueType.DURATION,
            Duration.ofMillis(250), "first backoff before a retry; doubles each time")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey RETRY_BACKOFF_MAX = ConfigKey.of("model.retry-backoff-max", ValueType.DURATION,
            Duration.ofSeconds(5), "longest backoff before a retry")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey BREAKER_FAILURES = ConfigKey.positiveInt("model.breaker-failures", 5,
            "failed requests in a row that open an endpoint's circuit");
    public static final ConfigKey BREAKER_COOLDOWN = ConfigKey.of("model.breaker-cooldown", ValueType.DURATION,
            Duration.ofSeconds(15), "how long an open circuit refuses requests before one trial")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey HEALTH_INTERVAL = ConfigKey.of("model.health-interval", ValueType.DURATION,
            Duration.ofSeconds(10), "how often to poll each server's /health; 0 turns it off")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey MAX_IN_FLIGHT = ConfigKey.positiveInt("model.max-in-flight", 256,
            "most samples in flight at the model servers together (size it like vLLM's --max-num-seqs)");

    public static final List<ConfigKey> ALL = List.of(KIND, URLS, SERVER, NAME, API_KEY, TEMPLATE, WHOLE_PROOF_TEMPLATE, TEMPLATE_TEXT,
            TEMPLATE_STOP, TEMPLATE_PREFIX, TOKENIZER, PROMPT_BUDGET, PROMPT_CHARS, MAX_TOKENS, LOGPROBS_MODE, TOP_P, KEEP_TRUNCATED,
            REQUEST_TIMEOUT, CONNECT_TIMEOUT, RETRIES, RETRY_BACKOFF, RETRY_BACKOFF_MAX, BREAKER_FAILURES,
            BREAKER_COOLDOWN, HEALTH_INTERVAL, MAX_IN_FLIGHT);
}

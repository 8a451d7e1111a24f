package dev.stepwise.prover.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Keys of expert iteration: what a round selects, filters, trains and promotes. */
public final class IterateKeys {
    private IterateKeys() {
    }

    private static ConfigKey fraction(String name, double value, String description, boolean zeroAllowed) {
        return ConfigKey.of(name, ValueType.DOUBLE, value, description).restrictedTo(
                v -> (Double) v < 1 && (zeroAllowed ? (Double) v >= 0 : (Double) v > 0), zeroAllowed ? "in [0, 1)" : "in (0, 1)");
    }

    private static ConfigKey choice(String name, String value, String description, Set<String> values) {
        return ConfigKey.of(name, ValueType.STRING, value, description).restrictedTo(values::contains,
                String.join(" or ", values.stream().sorted().toList()));
    }

    public static final ConfigKey DATA_DIR = ConfigKey.of("iterate.data-dir", ValueType.PATH, Path.of(".stepwise"),
            "directory holding rounds/ (each round's files, exports, trainer logs, summaries) and the round lock");
    public static final ConfigKey BASE_MODEL = ConfigKey.of("iterate.base-model", ValueType.STRING, "",
            "the model rounds start from and retrain from, as the trainer names it (empty: model.name)");
    public static final ConfigKey MAX_PROBLEMS = ConfigKey.positiveInt("iterate.max-problems", 500,
            "most unsolved statements one round searches, taken in curriculum order");
    public static final ConfigKey CURRICULUM = choice("iterate.curriculum", "fewest-attempts",
            "order of unsolved statements: fewest-attempts (fewest past attempts first) or critic (highest critic score first)",
            Set.of("fewest-attempts", "critic"));
    public static final ConfigKey EVAL_FRACTION = fraction("iterate.eval-fraction", 0.1,
            "share of the pool held out for evaluating models (chosen by a hash of each name; never trained on)", false);
    public static final ConfigKey VALID_FRACTION = fraction("iterate.valid-fraction", 0.05,
            "share of statements whose examples go to the validation files", true);
    public static final ConfigKey PERPLEXITY_DROP_LOW = fraction("iterate.perplexity-drop-low", 0.1,
            "share of SFT examples with the lowest perplexity under the current model to drop (0: no scoring)", true);
    public static final ConfigKey PERPLEXITY_DROP_HIGH = fraction("iterate.perplexity-drop-high", 0.1,
            "share of SFT examples with the highest perplexity to drop (0 with drop-low 0: no scoring)", true);
    public static final ConfigKey EASY_PROOFS = choice("iterate.easy-proofs", "exclude",
            "proofs of statements the pre-pass solved: exclude them from training (BFS-Prover) or keep them",
            Set.of("exclude", "keep"));
    public static final ConfigKey PREPASS = choice("iterate.prepass", "on",
            "run the cheap pre-pass (one attempt, narrow) first and mark what it solves as easy", Set.of("on", "off"));
    public static final ConfigKey PROMOTION_MARGIN = fraction("iterate.promotion-margin", 0.0,
            "how much the candidate's held-out pass rate must exceed the current model's to be promoted", true);
    /*
     * Why 20 and 0.95. The exact McNemar test is decided by the discordant statements alone: with none
     * going the current model's way, a candidate needs 6 of its own for p <= 0.05 (2/2^6 = 0.031; 5 give
     * 0.0625), with one going the other way 8 (p = 0.039), with two 10 (p = 0.039). On fewer than 20
     * held-out statements that is a gain of 30 points or more, which one round of fine-tuning does not
     * make: every round would be kept for want of evidence while looking like a measurement. 20 is also
     * the smallest split at which one statement moves the pass rate by no more than 5 points, and it lets
     * miniF2F-test (244 statements, 24 held out at the default eval-fraction of 0.1) promote, while a
     * 40-statement pool (4 held out) says it cannot. 0.95 is the conventional two-sided level; promoting
     * an equal model by chance costs a round of nothing worse (a regression is never promoted), and a
     * lower confidence is one key away for small pools.
     */
    public static final ConfigKey MIN_HELD_OUT = ConfigKey.of("iterate.min-held-out", ValueType.INT, 20,
            "fewest held-out statements a promotion may rest on; with fewer, the round says so when it selects and keeps the"
                    + " current model (decision 'kept-current (too few held-out)'); 0: no minimum")
            .restrictedTo(v -> (Integer) v >= 0, "0 or more");
    public static final ConfigKey PROMOTION_CONFIDENCE = fraction("iterate.promotion-confidence", 0.95,
            "confidence of the exact McNemar test (two-sided, on the held-out statements only one model proved) a promotion"
                    + " needs: promoted only if p <= 1 - confidence; 0: promote on any gain beyond the margin. A candidate that"
                    + " proves fewer held-out statements is never promoted", true);
    public static final ConfigKey TRAINER_COMMAND = ConfigKey.of("iterate.trainer-command", ValueType.STRING,
            "trl {method} --config {config}",
            "trainer command run by /bin/sh with shell-quoted {config} {train_file} {valid_file} {base_model} {init_model}"
                    + " {output_dir} {round} {method} {gpus}");
    public static final ConfigKey TRAINER_GPUS = ConfigKey.positiveInt("iterate.trainer-gpus", 1,
            "GPUs the trainer uses, one process each; above 1 the default trainer command runs under"
                    + " 'accelerate launch --multi_gpu --num_processes N'");
    public static final ConfigKey TRUST_REMOTE_CODE = choice("iterate.trust-remote-code", "auto",
            "let the trainer run the Python code a model ships (TRL's trust_remote_code): true, false, or auto"
                    + " (true for the internlm templates, whose models load only with it)", Set.of("auto", "true", "false"));
    public static final ConfigKey METHOD = choice("iterate.method", "sft",
            "what the trainer optimises: sft (supervised) or dpo (preference pairs)", Set.of("sft", "dpo"));
    public static final ConfigKey FINETUNE = choice("iterate.finetune", "lora", "lora or full fine-tuning", Set.of("lora", "full"));
    public static final ConfigKey TRAIN_MODE = choice("iterate.train-mode", "retrain-from-base",
            "retrain-from-base (on every round's data) or continue (from the current model on this round's data)",
            Set.of("retrain-from-base", "continue"));
    public static final ConfigKey EPOCHS = ConfigKey.positiveInt("iterate.epochs", 3, "training epochs");
    public static final ConfigKey LEARNING_RATE = fraction("iterate.learning-rate", 2e-5, "peak learning rate", false);
    public static final ConfigKey LORA_RANK = ConfigKey.positiveInt("iterate.lora-rank", 16,
            "LoRA rank (the server needs --max-lora-rank at least this)");
    public static final ConfigKey LORA_ALPHA = ConfigKey.positiveInt("iterate.lora-alpha", 32, "LoRA alpha");
    public static final ConfigKey SERVE_COMMAND = ConfigKey.of("iterate.serve-command", ValueType.STRING, "",
            "command that serves a checkpoint under its name ({name} {path}) and returns once it answers; empty: load it as a"
                    + " LoRA adapter on every model.url through the server's own route (the path must be readable by the server host)");

    public static final ConfigKey SEARCH_BUDGET = ConfigKey.of("iterate.search-budget", ValueType.STRING, "",
            "budget A×W×N of a round's search (empty: search.attempts × search.width × search.max-expansions)");
    public static final ConfigKey PREPASS_BUDGET = ConfigKey.of("iterate.prepass-budget", ValueType.STRING, "1x2x32",
            "budget A×W×N of the cheap pre-pass whose proofs mark statements easy");
    public static final ConfigKey EVAL_BUDGET = ConfigKey.of("iterate.eval-budget", ValueType.STRING, "",
            "fixed budget A×W×N for evaluating the current and the candidate model on the held-out split (empty: the search budget)");
    public static final ConfigKey CRITIC_URL = ConfigKey.of("iterate.critic-url", ValueType.STRING, "",
            "base URL of a critic (reward model) served by vLLM's pooling API (POST /pooling), for iterate.curriculum=critic");
    public static final ConfigKey CRITIC_MODEL = ConfigKey.of("iterate.critic-model", ValueType.STRING, "",
            "the critic's model name on its server (empty: the server's only model)");

    // Lean-STaR's retrospective thoughts (the round's thoughts stage).
    public static final ConfigKey THOUGHTS = ConfigKey.of("iterate.thoughts", ValueType.BOOLEAN, false,
            "the thoughts stage: ask iterate.thoughts-model for the thought behind each kept proof step and export"
                    + " thought-augmented training files in rounds/N/thoughts/ (Lean-STaR)");
    public static final ConfigKey THOUGHTS_URL = ConfigKey.of("iterate.thoughts-url", ValueType.STRING, "",
            "base URL of the server (/v1/completions) that writes the thoughts (empty: the first model.url)");
    public static final ConfigKey THOUGHTS_MODEL = ConfigKey.of("iterate.thoughts-model", ValueType.STRING, "",
            "the thoughts model's name on its server (empty: model.name)");
    public static final ConfigKey THOUGHTS_TEMPLATE = choice("iterate.thoughts-template", "lean-star",
            "the thinking step template the thought-augmented files are written in", Set.of("lean-star"));
    public static final ConfigKey THOUGHTS_PROMPT = ConfigKey.of("iterate.thoughts-prompt", ValueType.PATH, null,
            "a file with the retrospective-thought prompt, with {state} and {tactic} (unset: the built-in one)");
    public static final ConfigKey THOUGHTS_BATCH = ConfigKey.positiveInt("iterate.thoughts-batch", 16,
            "prompts per request to the thoughts model");
    public static final ConfigKey THOUGHTS_MAX_TOKENS = ConfigKey.positiveInt("iterate.thoughts-max-tokens", 256,
            "most tokens of one thought");

    // STP's self-play conjecturing (the round's conjecture stage, docs/stp-conjecture-stage.md).
    public static final ConfigKey CONJECTURE = ConfigKey.of("iterate.conjecture", ValueType.BOOLEAN, false,
            "the conjecture stage: ask the conjecturer for new statements from the round's proofs, attempt them, keep the"
                    + " barely provable, train on their proofs; unproved ones join later rounds' pools (STP)");
    public static final ConfigKey CONJECTURE_URL = ConfigKey.of("iterate.conjecture-url", ValueType.STRING, "",
            "base URL of the conjecturer's server (/v1/completions) (empty: the first model.url)");
    public static final ConfigKey CONJECTURE_MODEL = ConfigKey.of("iterate.conjecture-model", ValueType.STRING, "",
            "the conjecturer's model name on its server (empty: the prover, model.name)");
    public static final ConfigKey CONJECTURE_PROMPT = ConfigKey.of("iterate.conjecture-prompt", ValueType.PATH, null,
            "a file with the conjecture prompt, with {easy_theorem} (and {lemma}), ending in 'theorem' (unset: STP's)");
    public static final ConfigKey CONJECTURE_K = ConfigKey.positiveInt("iterate.conjecture-k", 4,
            "conjectures asked for each seed statement");
    public static final ConfigKey CONJECTURE_MAX = ConfigKey.positiveInt("iterate.conjecture-max", 64,
            "the most conjectures one round proposes (and the most earlier unsolved ones it searches again)");
    public static final ConfigKey CONJECTURE_ATTEMPTS = ConfigKey.positiveInt("iterate.conjecture-attempts", 4,
            "attempts at each new conjecture, one search each, to measure its success rate");
    public static final ConfigKey CONJECTURE_SEED_RATE = ConfigKey.of("iterate.conjecture-seed-rate", ValueType.DOUBLE, 0.35,
            "the lowest success rate (proved attempts over attempts) a proved statement needs to seed conjectures (STP: 0.35)")
            .restrictedTo(v -> (Double) v >= 0 && (Double) v <= 1, "in [0, 1]");
    public static final ConfigKey CONJECTURE_BAND = ConfigKey.of("iterate.conjecture-band", ValueType.STRING, "0,0.25",
            "LOW,HIGH: a proved conjecture is kept (barely provable) when its success rate is in [LOW, HIGH] (STP: below 0.25)");
    public static final ConfigKey CONJECTURE_TEMPERATURE = ConfigKey.of("iterate.conjecture-temperature", ValueType.DOUBLE, 1.0,
            "sampling temperature of the conjecturer").restrictedTo(v -> (Double) v >= 0, ">= 0");
    public static final ConfigKey CONJECTURE_MAX_TOKENS = ConfigKey.positiveInt("iterate.conjecture-max-tokens", 256,
            "most tokens of one conjecture");

    public static final List<ConfigKey> ALL = List.of(DATA_DIR, BASE_MODEL, MAX_PROBLEMS, CURRICULUM, EVAL_FRACTION,
            VALID_FRACTION, PERPLEXITY_DROP_LOW, PERPLEXITY_DROP_HIGH, EASY_PROOFS, PREPASS, PROMOTION_MARGIN, MIN_HELD_OUT,
            PROMOTION_CONFIDENCE, TRAINER_COMMAND,
            TRAINER_GPUS, TRUST_REMOTE_CODE, METHOD, FINETUNE, TRAIN_MODE, EPOCHS, LEARNING_RATE, LORA_RANK, LORA_ALPHA, SERVE_COMMAND, SEARCH_BUDGET, PREPASS_BUDGET,
            EVAL_BUDGET, CRITIC_URL, CRITIC_MODEL, THOUGHTS, THOUGHTS_URL, THOUGHTS_MODEL, THOUGHTS_TEMPLATE, THOUGHTS_PROMPT,
            THOUGHTS_BATCH, THOUGHTS_MAX_TOKENS, CONJECTURE, CONJECTURE_URL, CONJECTURE_MODEL, CONJECTURE_PROMPT, CONJECTURE_K,
            CONJECTURE_MAX, CONJECTURE_ATTEMPTS, CONJECTURE_SEED_RATE, CONJECTURE_BAND, CONJECTURE_TEMPERATURE, CONJECTURE_MAX_TOKENS);
}

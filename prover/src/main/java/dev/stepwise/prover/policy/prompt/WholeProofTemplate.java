package dev.stepwise.prover.policy.prompt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The prompt format of a released whole-proof model: how a theorem becomes its prompt, with which
 * sampling it was released, and how its code is taken out of a reply. Every format is byte for
 * byte what the model's published inference code builds (the references, with their upstream
 * file and commit, are in prover/src/test/resources/whole-proof/). These sit beside the step
 * templates ({@link PromptTemplate}): a step template asks for one tactic, these for a proof.
 */
public final class WholeProofTemplate {

    /** DeepSeek-Prover-V1.5 prover/utils.py, the instruction of {@code non_cot_prompt}. */
    private static final String DS15_NON_COT = "Complete the following Lean 4 code:\n\n```lean4\n";
    /** The same file, {@code cot_prompt}. */
    private static final String DS15_COT =
            "Complete the following Lean 4 code with explanatory comments preceding each line of code:\n\n```lean4\n";
    /** The plan request DeepSeek-Prover-V2's README quick start and Goedel-Prover-V2's dpskcot handler both end with. */
    private static final String PLAN_REQUEST = "Before producing the Lean 4 code to formally prove the given theorem, "
            + "provide a detailed proof plan outlining the main proof steps and strategies.\nThe plan should highlight key "
            + "ideas, intermediate lemmas, and proof structures that will guide the construction of the final formal proof.";
    /** Goedel-Prover-V2 src/utils.py, KiminaCoTHandler: the system message from the Kimina-Prover-Preview card. */
    private static final String KIMINA_SYSTEM = "You are an expert in mathematics and Lean 4.";

    private static final Map<String, WholeProofTemplate> BUILT_IN = Map.of(
            "deepseek-prover-v1.5", new WholeProofTemplate("deepseek-prover-v1.5",
                    in -> new WholeProofPrompt.Completion(DS15_NON_COT + ds15File(in)),
                    ProofExtraction.CONTINUATION_BEFORE_FENCE, 1.0, 0.95,
                    new ReleasedSettings(2048, 2048, 6000, 0,
                            "DeepSeek-Prover-V1.5 configs/sampling.py: max_tokens 2048, temperature 1, top_p 0.95")),
            "deepseek-prover-v1.5-cot", new WholeProofTemplate("deepseek-prover-v1.5-cot",
                    in -> new WholeProofPrompt.Completion(DS15_COT + ds15File(in)),
                    ProofExtraction.CONTINUATION_BEFORE_FENCE, 1.0, 0.95,
                    new ReleasedSettings(2048, 2048, 6000, 0,
                            "DeepSeek-Prover-V1.5 configs/sampling.py: mode cot, max_tokens 2048, temperature 1, top_p 0.95")),
            "deepseek-prover-v2", new WholeProofTemplate("deepseek-prover-v2",
                    in -> new WholeProofPrompt.Chat(List.of(ChatMessage.user("Complete the following Lean 4 code:\n\n```lean4\n"
                            + (in.leanCode() + "\n  sorry").strip() + "\n```\n\n" + PLAN_REQUEST))),
                    ProofExtraction.LAST_LEAN4_BLOCK, 1.0, 0.95,
                    new ReleasedSettings(8192, 4096, 12000, 0,
                            "DeepSeek-Prover-V2 README quick start: max_new_tokens 8192; sampling as Goedel-Prover-V2 runs it")),
            "goedel-prover-v2", new WholeProofTemplate("goedel-prover-v2",
                    in -> new WholeProofPrompt.Chat(List.of(ChatMessage.user("Complete the following Lean 4 code:\n\n```lean4\n"
                            + beforeBy(in.leanCode()) + ":= by sorry```\n\n" + PLAN_REQUEST))),
                    ProofExtraction.LAST_LEAN4_BLOCK, 1.0, 0.95,
                    new ReleasedSettings(32768, 8192, 24000, 0,
                            "Goedel-Prover-V2 src/inference.py: temperature 1.0, top_p 0.95; README: max_new_tokens 32768")),
            "kimina-prover", new WholeProofTemplate("kimina-prover",
                    WholeProofTemplate::kimina,
                    ProofExtraction.LAST_COMPLETE_FILE_BLOCK, 0.8, 0.95,
                    new ReleasedSettings(16000, 8192, 24000, 0,
                            "Kimina-Prover-Preview kimina_prover_demo/error_fix.py: max_tokens 16000, temperature 0.8")));

    private final String name;
    private final Function<WholeProofInput, WholeProofPrompt> render;
    private final ProofExtraction extraction;
    private final double temperature;
    private final double topP;
    private final ReleasedSettings released;

    private WholeProofTemplate(String name, Function<WholeProofInput, WholeProofPrompt> render, ProofExtraction extraction,
            double temperature, double topP, ReleasedSettings released) {
        this.name = name;
        this.render = render;
        this.extraction = extraction;
        this.temperature = temperature;
        this.topP = topP;
        this.released = released;
    }

    /** Names of the built-in whole-proof templates, in a stable order. */
    public static List<String> builtInNames() {
        return List.of("deepseek-prover-v1.5", "deepseek-prover-v1.5-cot", "deepseek-prover-v2", "goedel-prover-v2",
                "kimina-prover");
    }

    /** A built-in template by name. */
    public static Optional<WholeProofTemplate> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(Objects.requireNonNull(name, "name")));
    }

    /** A built-in template by name; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static WholeProofTemplate named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown whole-proof template '" + name
                + "'; built-in whole-proof templates are " + String.join(", ", builtInNames())));
    }

    public String name() {
        return name;
    }

    /** The model's prompt for {@code input}, as its published inference code builds it. */
    public WholeProofPrompt render(WholeProofInput input) {
        return render.apply(input);
    }

    /** Whether the model is asked through the chat endpoint (else it continues a completions prompt). */
    public boolean chat() {
        return extraction != ProofExtraction.CONTINUATION_BEFORE_FENCE;
    }

    public ProofExtraction extraction() {
        return extraction;
    }

    /** The sampling temperature the release used: the default of {@code model.temperature} in whole-proof mode. */
    public double temperature() {
        return temperature;
    }

    public double topP() {
        return topP;
    }

    /** The released generation length ({@code maxTokens}: one whole reply) and prompt budget. */
    public ReleasedSettings released() {
        return released;
    }

    /**
     * The Lean code of a reply: what the published extraction takes out of it. For a model that
     * continues the prompt, that is the prompt's file with the continuation after it (DeepSeek-Prover-V1.5's
     * search.py joins {@code header + formal_statement + proof_code}).
     */
    public Optional<String> code(WholeProofInput input, String reply) {
        Optional<String> code = extraction.code(reply);
        if (extraction == ProofExtraction.CONTINUATION_BEFORE_FENCE) {
            return code.filter(c -> !c.isBlank()).map(c -> ds15File(input) + c);
        }
        return code;
    }

    /**
     * DeepSeek-Prover-V1.5's file in its prompt: {@code header + informal_prefix + formal_statement},
     * where its datasets end the statement with a newline after {@code := by}.
     */
    private static String ds15File(WholeProofInput in) {
        return in.header() + in.informalPrefix() + in.statement().stripTrailing() + "\n";
    }

    /** Goedel-Prover-V2's {@code lean4_code.split(":= by")[0]}: everything before the first {@code := by}. */
    private static String beforeBy(String code) {
        int at = code.indexOf(":= by");
        return at >= 0 ? code.substring(0, at) : code;
    }

    /**
     * Goedel-Prover-V2 src/utils.py, {@code KiminaCoTHandler.prover_inference}: the statement through
     * {@code := by}; as the problem, that statement without its import, set_option, open and blank
     * lines ({@code clean_code_string}).
     */
    private static WholeProofPrompt kimina(WholeProofInput in) {
        String formal = beforeBy(in.leanCode()) + ":= by";
        String problem = String.join("\n", formal.lines()
                .filter(l -> !(l.startsWith("import") || l.startsWith("set_option") || l.startsWith("open") || l.isBlank()))
                .toList());
        String user = "Think about and solve the following problem step by step in Lean 4."
                + "\n# Problem:" + problem
                + "\n# Formal statement:\n```lean4\n" + formal + "\n```\n";
        return new WholeProofPrompt.Chat(List.of(ChatMessage.system(KIMINA_SYSTEM), ChatMessage.user(user)));
    }

    @Override
    public String toString() {
        return "WholeProofTemplate[" + name + "]";
    }
}

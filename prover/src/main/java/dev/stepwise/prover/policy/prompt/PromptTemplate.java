package dev.stepwise.prover.policy.prompt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a model wants its prompt and how its completion becomes a tactic. The same instance renders
 * prompts for the search and for the training export, so the two can never drift apart.
 *
 * <p>A template is a format with placeholders ({@code {state}}, {@code {name}},
 * {@code {proof_before}}, {@code {header}}; {@code {{} and {@code }}} are literal braces), the
 * stop strings the server should stop at, and the text the model writes before the tactic
 * ({@code PROOFSTEP } for InternLM2-StepProver), which is cut off the completion.
 */
public final class PromptTemplate {

    private static final String IM_START = "<|im_start|>";
    private static final String IM_END = "<|im_end|>";

    private static final Map<String, PromptTemplate> BUILT_IN = builtIns();

    private final String name;
    private final List<Segment> segments;
    private final List<String> stops;
    private final String tacticPrefix;
    private final Set<Placeholder> used;
    private final ReleasedSettings released;
    /** How the model writes a thought before its tactic; null for a model that writes the tactic alone. */
    private final ThoughtFormat thoughts;

    /** What a custom template gets: the budgets Stepwise used before templates carried their own. */
    private static final ReleasedSettings CUSTOM = new ReleasedSettings(256, 3072, 9000, 0,
            "Stepwise's own defaults (a custom template has no release)");

    private sealed interface Segment {
    }

    private record Literal(String text) implements Segment {
    }

    private record Slot(Placeholder placeholder) implements Segment {
    }

    private PromptTemplate(String name, String format, List<String> stops, String tacticPrefix, ReleasedSettings released) {
        this(name, format, stops, tacticPrefix, released, null);
    }

    private PromptTemplate(String name, String format, List<String> stops, String tacticPrefix, ReleasedSettings released,
            ThoughtFormat thoughts) {
        this.thoughts = thoughts;
        this.name = Objects.requireNonNull(name, "name");
        this.released = Objects.requireNonNull(released, "released");
        this.segments = parse(format);
        this.stops = List.copyOf(stops);
        this.tacticPrefix = Objects.requireNonNull(tacticPrefix, "tacticPrefix");
        Set<Placeholder> u = EnumSet.noneOf(Placeholder.class);
        for (Segment s : segments) {
            if (s instanceof Slot slot) {
                u.add(slot.placeholder());
            }
        }
        if (!u.contains(Placeholder.STATE)) {
            throw new IllegalArgumentException("template " + name + " has no {state} placeholder");
        }
        this.used = Set.copyOf(u);
        for (String stop : this.stops) {
            if (stop.isEmpty()) {
                throw new IllegalArgumentException("template " + name + " has an empty stop string");
            }
        }
    }

    private static Map<String, PromptTemplate> builtIns() {
        Map<String, PromptTemplate> m = new LinkedHashMap<>();
        // BFS-Prover V1/V2: the raw state then ":::"; the model ends the tactic with EOS. The released search
        // (src/search/main.py, run_local_search.sh) samples max_tokens 2048 from a vLLM engine with
        // max_model_len 16384 (prover_manager.py) and cuts no prompt: the prompt may use the rest.
        m.put("bfs-prover", new PromptTemplate("bfs-prover", "{state}:::", List.of(), "",
                new ReleasedSettings(2048, 16384 - 2048, 3 * (16384 - 2048), 16384,
                        "BFS-Prover-V2 src/search: --max_tokens 2048, max_model_len 16384")));
        // InternLM-Math minif2f/proofsearch_internLM2*-StepProver.py: max_tokens=256, vllm.LLM without
        // max_model_len (the model's own context) and no prompt cut; the prompt budget is ours.
        ReleasedSettings internlm = new ReleasedSettings(256, 3072, 9000, 0,
                "InternLM-Math minif2f/proofsearch_internLM2*-StepProver.py: max_tokens=256, the model's own context");
        m.put("internlm25-stepprover", new PromptTemplate("internlm25-stepprover",
                IM_START + "user\n---\nNAME: {name}\n\n---\nPROOF_BEFORE: {proof_before}\n\n---\nSTATE_BEFORE: {state}\n\n---\nTACTIC: "
                        + IM_END + "\n" + IM_START + "assistant\n",
                List.of(IM_END), "", internlm));
        m.put("internlm2-stepprover", new PromptTemplate("internlm2-stepprover",
                IM_START + "user\nDECL {name}\nGOAL {state}\n" + IM_END + "\n" + IM_START + "assistant\n",
                List.of(IM_END), "PROOFSTEP ", internlm));
        // ReProver (lean-dojo/ReProver prover/tactic_generator.py) has two generators. VllmGenerator serves
        // decoder-only fine-tunes with the prompt "[GOAL]\n{state}\n[PROOFSTEP]\n" (the format
        // generation/preprocess.py trains on); it leaves max_tokens at vLLM's default, so the lengths are ours.
        m.put("reprover-vllm", new PromptTemplate("reprover-vllm", "[GOAL]\n{state}\n[PROOFSTEP]\n", List.of(), "",
                new ReleasedSettings(256, 3072, 9000, 0,
                        "ReProver VllmGenerator: no length set in the release; Stepwise's defaults")));
        // HuggingFaceGenerator runs the ByT5 encoder-decoder on the raw goal text ("%s") with beam search;
        // generation/confs/cli_lean4_*.yaml cut the input at 2300 tokens (ByT5 tokens are UTF-8 bytes) and the
        // output at 512.
        m.put("reprover-byt5", new PromptTemplate("reprover-byt5", "{state}", List.of(), "",
                new ReleasedSettings(512, 2300, 2300, 0,
                        "ReProver generation/confs/cli_lean4_*.yaml: max_inp_seq_len 2300, max_oup_seq_len 512")));
        // Lean-STaR (Lagooon/LeanSTaR at 0f9c69a, gpt-accelera/cot_search.py): _prompt_fewshot's
        // "Tactic state:\n---\n%s\n---\nReasoning:\n---\n"; the model writes its thought, then the tactic in a
        // ```lean4 fence, and stops at EOS (SamplingParams without stop strings). best_first_search samples
        // max_tokens=max_seq_len=512 from vllm.LLM without max_model_len (the model's own context).
        m.put("lean-star", new PromptTemplate("lean-star", "Tactic state:\n---\n{state}\n---\nReasoning:\n---\n", List.of(), "",
                new ReleasedSettings(512, 3072, 9000, 0,
                        "Lean-STaR gpt-accelera/cot_search.py: max_seq_len 512, the model's own context"),
                new ThoughtFormat("```lean4\n", "```")));
        return Map.copyOf(m);
    }

    /** Names of the built-in templates, in a stable order. */
    public static List<String> builtInNames() {
        return List.of("bfs-prover", "internlm25-stepprover", "internlm2-stepprover", "reprover-vllm", "reprover-byt5",
                "lean-star");
    }

    /** A built-in template by name. */
    public static PromptTemplate named(String name) {
        PromptTemplate t = BUILT_IN.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown prompt template '" + name + "'; built-in templates are "
                    + String.join(", ", builtInNames()) + ", or 'custom' with model.template-text");
        }
        return t;
    }

    /**
     * A user template.
     *
     * @param format the prompt with placeholders; must contain {@code {state}}
     * @param stops stop strings sent to the server (and cut from the completion if a server keeps them)
     * @param tacticPrefix text the model writes before the tactic, cut off the completion ("" for none)
     */
    public static PromptTemplate custom(String format, List<String> stops, String tacticPrefix) {
        return new PromptTemplate("custom", format, stops, tacticPrefix, CUSTOM);
    }

    public String name() {
        return name;
    }

    /** The lengths this template's model was released with: the defaults of the length keys. */
    public ReleasedSettings released() {
        return released;
    }

    public List<String> stops() {
        return stops;
    }

    /** Whether the prompt contains this field (truncation only cuts what the prompt shows). */
    public boolean uses(Placeholder placeholder) {
        return used.contains(placeholder);
    }

    /** The prompt text for {@code input}, byte for byte what the model was trained on. */
    public String render(PromptInput input) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            switch (s) {
                case Literal l -> sb.append(l.text());
                case Slot slot -> sb.append(slot.placeholder().valueIn(input));
            }
        }
        return sb.toString();
    }

    /** Whether the model writes a thought before each tactic (its replies then carry one). */
    public boolean thinks() {
        return thoughts != null;
    }

    /**
     * The tactic in a completion: the text after the tactic prefix (when the model wrote it),
     * cut at the first stop string (some servers keep it), stripped; empty when nothing is left.
     * For a template with thoughts, the fenced tactic after the thought (see {@link ThoughtFormat}).
     */
    public Optional<String> tacticFrom(String completion) {
        return replyFrom(completion).map(StepReply::tactic);
    }

    /**
     * The whole reply in a completion: the tactic as {@link #tacticFrom} reads it, the thought
     * before it, and which characters of the completion score the tactic.
     */
    public Optional<StepReply> replyFrom(String completion) {
        if (thoughts == null) {
            return plainTactic(completion).map(t -> new StepReply("", t, 0, completion.length()));
        }
        return thoughts.parse(cutAtStops(completion));
    }

    private String cutAtStops(String completion) {
        String text = completion;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        return text;
    }

    private Optional<String> plainTactic(String completion) {
        String text = completion;
        if (!tacticPrefix.isEmpty()) {
            int at = text.indexOf(tacticPrefix);
            if (at >= 0) {
                text = text.substring(at + tacticPrefix.length());
            } else {
                // Tolerate a prefix without its trailing space ("PROOFSTEP\nsimp").
                String bare = tacticPrefix.strip();
                int b = text.indexOf(bare);
                if (b >= 0 && text.substring(0, b).isBlank()) {
                    text = text.substring(b + bare.length());
                }
            }
        }
        text = cutAtStops(text).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The completion a model of this format should produce for {@code tactic} (training targets). */
    public String completionFor(String tactic) {
        return completionFor("", tactic);
    }

    /**
     * The completion a model of this format should produce for {@code thought} then {@code tactic};
     * a template without thoughts leaves the thought out.
     */
    public String completionFor(String thought, String tactic) {
        return thoughts == null ? tacticPrefix + tactic : thoughts.reply(thought, tactic);
    }

    private static List<Segment> parse(String format) {
        Objects.requireNonNull(format, "format");
        List<Segment> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '{' && format.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && format.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("template has an unclosed '{' at offset " + i
                            + " (write {{ for a literal brace)");
                }
                String token = format.substring(i + 1, close);
                Placeholder p = Placeholder.byToken(token).orElseThrow(() -> new IllegalArgumentException(
                        "template has an unknown placeholder {" + token + "}; known: {state} {name} {proof_before} {header}"));
                if (!literal.isEmpty()) {
                    out.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                out.add(new Slot(p));
                i = close + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("template has a lone '}' at offset " + i + " (write }} for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            out.add(new Literal(literal.toString()));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "PromptTemplate[" + name + "]";
    }
}

package dev.stepwise.prover.policy.prompt;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a released whole-proof pipeline takes the Lean code out of a reply, each as its published
 * code does it (sources in prover/src/test/resources/whole-proof/README.md). A reply cut off by
 * the token limit has no closing fence on its last block, so what these rules find in it is an
 * earlier complete block or nothing, exactly as upstream.
 */
public enum ProofExtraction {
    /**
     * DeepSeek-Prover-V1.5 ({@code prover/utils.py}, {@code post_process_output}): the reply
     * continues the prompt's open {@code lean4} block; the proof is the text before the first
     * fence (all of it when the model wrote none).
     */
    CONTINUATION_BEFORE_FENCE,
    /**
     * Goedel-Prover-V2 ({@code src/utils.py}, {@code InferenceHandler.extrac_code}), which it also
     * applies to DeepSeek-Prover-V2 replies: the last block matching {@code ```lean4\n(.*?)\n```},
     * else the last of {@code ```lean4\n(.*?)```}, else the last of {@code ```lean\n(.*?)```}.
     */
    LAST_LEAN4_BLOCK,
    /**
     * Kimina-Prover ({@code kimina_prover_demo/utils.py}, {@code extract_proof_from_text}): the
     * last {@code ```lean4\n(.*?)\n```} block that contains all of {@code theorem}, {@code by},
     * {@code :=} and {@code import} (so a draft in the reasoning part does not count).
     */
    LAST_COMPLETE_FILE_BLOCK;

    private static final Pattern LEAN4_CLOSED_LINE = Pattern.compile("```lean4\n(.*?)\n```", Pattern.DOTALL);
    private static final Pattern LEAN4_CLOSED = Pattern.compile("```lean4\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LEAN_CLOSED = Pattern.compile("```lean\n(.*?)```", Pattern.DOTALL);
    private static final List<String> FILE_WORDS = List.of("theorem", "by", ":=", "import");

    /** The code in {@code reply}, or empty when the published rule finds none. */
    public Optional<String> code(String reply) {
        return switch (this) {
            case CONTINUATION_BEFORE_FENCE -> {
                int fence = reply.indexOf("```");
                yield Optional.of(fence >= 0 ? reply.substring(0, fence) : reply);
            }
            case LAST_LEAN4_BLOCK -> last(LEAN4_CLOSED_LINE, reply)
                    .or(() -> last(LEAN4_CLOSED, reply))
                    .or(() -> last(LEAN_CLOSED, reply));
            case LAST_COMPLETE_FILE_BLOCK -> {
                List<String> blocks = LEAN4_CLOSED_LINE.matcher(reply).results().map(m -> m.group(1)).toList();
                for (int i = blocks.size() - 1; i >= 0; i--) {
                    String block = blocks.get(i);
                    if (FILE_WORDS.stream().allMatch(block::contains)) {
                        yield Optional.of(block);
                    }
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }
}

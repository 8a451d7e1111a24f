package dev.stepwise.prover.policy.prompt;

import java.util.Objects;
import java.util.Optional;

/**
 * How a model that thinks before each tactic writes its reply: an informal thought, then the
 * tactic between an opening and a closing fence. Lean-STaR (Lagooon/LeanSTaR at 0f9c69a,
 * gpt-accelera/cot_search.py, {@code best_first_search}) reads the tactic as
 * {@code s.split("```lean4\n")[-1].split('```')[0].strip()}: the text after the last opening
 * fence, up to the next closing one, stripped; a reply without an opening fence is taken whole
 * up to its first closing fence. {@link #parse} does exactly that, and calls the text before the
 * last opening fence the thought.
 *
 * @param open the opening fence, e.g. {@code ```lean4\n}
 * @param close the closing fence, e.g. {@code ```}
 */
record ThoughtFormat(String open, String close) {
    ThoughtFormat {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (open.isEmpty() || close.isEmpty()) {
            throw new IllegalArgumentException("a thought format has both fences");
        }
    }

    /** The thought and the tactic of {@code text}, the tactic's characters as the scored span; empty without a tactic. */
    Optional<StepReply> parse(String text) {
        int fence = text.lastIndexOf(open);
        int from = fence < 0 ? 0 : fence + open.length();
        int to = text.indexOf(close, from);
        if (to < 0) {
            to = text.length();
        }
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return Optional.empty();
        }
        String thought = fence < 0 ? "" : text.substring(0, fence).strip();
        return Optional.of(new StepReply(thought, text.substring(start, end), start, end));
    }

    /**
     * The reply a model of this format is trained to write: the thought, a newline, the fenced
     * tactic on its own line. The release publishes the parser, not its training file, so this is
     * the one layout its parser reads back as exactly this thought and tactic.
     */
    String reply(String thought, String tactic) {
        String t = thought.strip();
        return (t.isEmpty() ? "" : t + "\n") + open + tactic + "\n" + close;
    }
}

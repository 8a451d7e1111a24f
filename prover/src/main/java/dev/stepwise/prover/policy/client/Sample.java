package dev.stepwise.prover.policy.client;

import java.util.List;
import java.util.Objects;

/**
 * One completion: its text, the sum of its tokens' log-probs and their number, why it stopped,
 * the stop string the server matched ("" for end of sequence or unknown), and each token's text
 * and log-prob as the server listed them (for scoring part of the text).
 */
public record Sample(String text, double logProbSum, int tokenCount, FinishReason finish, String matchedStop,
        List<TokenLogprob> tokens) {

    /** One generated token: its text as the server wrote it, and its log-prob. */
    public record TokenLogprob(String text, double logprob) {
        public TokenLogprob {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The log-prob sum and token count of part of a completion. */
    public record Score(double logProbSum, int tokenCount) {
    }

    public Sample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finish, "finish");
        Objects.requireNonNull(matchedStop, "matchedStop");
        tokens = List.copyOf(tokens);
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount < 0");
        }
    }

    /** A sample without its tokens' texts: it can only be scored whole. */
    public Sample(String text, double logProbSum, int tokenCount, FinishReason finish, String matchedStop) {
        this(text, logProbSum, tokenCount, finish, matchedStop, List.of());
    }

    /**
     * The score of the characters {@code [from, to)} of the text: the tokens that overlap them
     * (a token straddling the edge counts, as it carries part of the span). The tokens are placed
     * by their texts laid end to end; when they do not spell the text (a server that writes a
     * token split inside a UTF-8 character as its bytes, or no token texts at all), nothing
     * places them, and the whole sample is scored, as the released searches score every reply.
     */
    public Score scoreOver(int from, int to) {
        if (from == 0 && to >= text.length() || !spellsText()) {
            return new Score(logProbSum, tokenCount);
        }
        double sum = 0;
        int count = 0;
        int at = 0;
        for (TokenLogprob t : tokens) {
            int end = at + t.text().length();
            if (end > from && at < to) {
                sum += t.logprob();
                count++;
            }
            at = end;
        }
        return new Score(sum, count);
    }

    private boolean spellsText() {
        if (tokens.isEmpty()) {
            return false;
        }
        int length = 0;
        for (TokenLogprob t : tokens) {
            length += t.text().length();
        }
        if (length != text.length()) {
            return false;
        }
        int at = 0;
        for (TokenLogprob t : tokens) {
            if (!text.startsWith(t.text(), at)) {
                return false;
            }
            at += t.text().length();
        }
        return true;
    }
}

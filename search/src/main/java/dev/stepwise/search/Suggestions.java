package dev.stepwise.search;

import java.util.List;

/** The policy's answer: candidates (possibly with duplicates) and the tokens the request cost. */
public record Suggestions(List<Candidate> candidates, long promptTokens, long completionTokens) {
    public Suggestions {
        candidates = List.copyOf(candidates);
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}

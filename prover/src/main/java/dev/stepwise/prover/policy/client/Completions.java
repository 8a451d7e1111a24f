package dev.stepwise.prover.policy.client;

import java.util.List;

/** The samples of one or more requests and the tokens the server counted for them. */
public record Completions(List<Sample> samples, long promptTokens, long completionTokens) {
    public Completions {
        samples = List.copyOf(samples);
    }

    static Completions merge(List<Completions> parts) {
        return new Completions(parts.stream().flatMap(p -> p.samples().stream()).toList(),
                parts.stream().mapToLong(Completions::promptTokens).sum(),
                parts.stream().mapToLong(Completions::completionTokens).sum());
    }
}

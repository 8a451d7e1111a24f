package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a filter kept and dropped, with the reason for each drop and the perplexity of each
 * example that was scored (by content hash).
 */
public record Filtered(List<Example> kept, List<Drop> dropped, Map<String, Double> perplexities) {

    public record Drop(Example example, String reason) {
        public Drop {
            Objects.requireNonNull(example, "example");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public Filtered {
        kept = List.copyOf(kept);
        dropped = List.copyOf(dropped);
        // Sorted: filter.json must not depend on the JVM's hash order.
        perplexities = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perplexities));
    }

    static Filtered keepAll(List<Example> examples) {
        return new Filtered(examples, List.of(), Map.of());
    }

    /** This result followed by {@code next}, which filtered what this one kept. */
    Filtered then(Filtered next) {
        List<Drop> drops = new ArrayList<>(dropped);
        drops.addAll(next.dropped());
        Map<String, Double> ppl = new LinkedHashMap<>(perplexities);
        ppl.putAll(next.perplexities());
        return new Filtered(next.kept(), drops, ppl);
    }

    public String summary() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (Drop d : dropped) {
            reasons.merge(d.reason(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder("kept ").append(kept.size()).append(", dropped ").append(dropped.size());
        reasons.forEach((r, n) -> b.append("; ").append(r).append(": ").append(n));
        return b.toString();
    }
}

package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops an example whose text an earlier round already harvested, or that appears earlier in this
 * round (the first occurrence stays).
 */
final class DedupFilter implements ExampleFilter {
    static final String EARLIER_ROUND = "duplicate of an earlier round";
    static final String THIS_ROUND = "duplicate within the round";

    private final Set<String> seenBefore;

    /** @param seenBefore content hashes of the examples earlier rounds kept */
    DedupFilter(Set<String> seenBefore) {
        this.seenBefore = Set.copyOf(seenBefore);
    }

    @Override
    public Filtered apply(List<Example> examples) {
        Set<String> seen = new HashSet<>();
        List<Example> kept = new ArrayList<>();
        List<Filtered.Drop> dropped = new ArrayList<>();
        for (Example e : examples) {
            String hash = e.contentHash();
            if (seenBefore.contains(hash)) {
                dropped.add(new Filtered.Drop(e, EARLIER_ROUND));
            } else if (!seen.add(hash)) {
                dropped.add(new Filtered.Drop(e, THIS_ROUND));
            } else {
                kept.add(e);
            }
        }
        return new Filtered(kept, dropped, Map.of());
    }
}

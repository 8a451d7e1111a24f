package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the proof state a prompt is about without knowing the prompt template: the world state
 * whose goal text occurs in the prompt, the longest one when several do. Whitespace is
 * collapsed on both sides, so templates that re-indent or join goals differently still match.
 */
final class StateLocator {
    private static final Pattern SPACE = Pattern.compile("\\s+");

    record Located(WorldTheorem theorem, SimState state) {
    }

    private record Entry(String text, Located located) {
    }

    private final List<Entry> longestFirst;

    StateLocator(World world) {
        List<Entry> entries = new ArrayList<>();
        for (WorldTheorem t : world.theorems()) {
            for (SimState s : t.states()) {
                entries.add(new Entry(normalize(s.goalText()), new Located(t, s)));
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.text().length()).reversed());
        this.longestFirst = List.copyOf(entries);
    }

    Optional<Located> locate(String prompt) {
        String p = normalize(prompt);
        for (Entry e : longestFirst) {
            if (p.contains(e.text())) {
                return Optional.of(e.located());
            }
        }
        return Optional.empty();
    }

    static String normalize(String text) {
        return SPACE.matcher(text.strip()).replaceAll(" ");
    }
}

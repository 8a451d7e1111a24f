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
 * A prompt whose state was shortened to fit a token budget (hypotheses dropped) still matches
 * the state whose every target line it contains and whose lines it covers most.
 */
final class StateLocator {
    private static final Pattern SPACE = Pattern.compile("\\s+");

    record Located(WorldTheorem theorem, SimState state) {
    }

    private record Entry(String text, List<String> targets, List<String> lines, Located located) {
    }

    private final List<Entry> longestFirst;

    StateLocator(World world) {
        List<Entry> entries = new ArrayList<>();
        for (WorldTheorem t : world.theorems()) {
            for (SimState s : t.states()) {
                List<String> lines = new ArrayList<>();
                List<String> targets = new ArrayList<>();
                for (String line : s.goalText().split("\n")) {
                    String n = normalize(line);
                    if (n.isEmpty()) {
                        continue;
                    }
                    lines.add(n);
                    if (n.startsWith("⊢")) {
                        targets.add(n);
                    }
                }
                entries.add(new Entry(normalize(s.goalText()), List.copyOf(targets), List.copyOf(lines), new Located(t, s)));
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
        Entry best = null;
        int bestCovered = 0;
        for (Entry e : longestFirst) {
            if (e.targets().isEmpty() || !e.targets().stream().allMatch(p::contains)) {
                continue;
            }
            int covered = 0;
            for (String line : e.lines()) {
                covered += p.contains(line) ? line.length() : 0;
            }
            if (covered > bestCovered) {
                best = e;
                bestCovered = covered;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.located());
    }

    static String normalize(String text) {
        return SPACE.matcher(text.strip()).replaceAll(" ");
    }
}

package dev.stepwise.prover.sim.generate;

import java.util.List;

/** One local hypothesis or variable of a goal: its names (several share one type) and its type. */
record Hypothesis(List<String> names, String type) {
    Hypothesis {
        names = List.copyOf(names);
        if (names.isEmpty() || type.isBlank()) {
            throw new IllegalArgumentException("hypothesis needs names and a type");
        }
    }

    Hypothesis(String name, String type) {
        this(List.of(name), type);
    }

    /** True when this is a proposition the way a dataset names them ({@code h₀}, {@code hx}, {@code h}). */
    boolean isProp() {
        return names.get(0).startsWith("h") || type.contains("=") || type.contains("<") || type.contains("≤")
                || type.contains("≠") || type.contains("∧") || type.contains("∨") || type.contains("∣");
    }
}

package dev.stepwise.search;

import java.util.Objects;

/**
 * What a search proves: the declaration name, the header it needs (imports, opens, options) and
 * its statement ending in {@code := by}. The search only passes these through to its
 * environment and policy; it never parses them.
 */
public record Theorem(String name, String header, String statement) {
    public Theorem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(statement, "statement");
        if (name.isBlank()) {
            throw new IllegalArgumentException("theorem name is blank");
        }
    }
}

package dev.stepwise.search;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a proof state: its pretty-printed goals with whitespace normalised. Two
 * states with the same key are the same node of the search DAG, whatever process made them.
 */
public record GoalKey(String text) {
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern LINE_ENDS = Pattern.compile("[ \\t]*\\r?\\n[ \\t]*");

    public GoalKey {
        Objects.requireNonNull(text, "text");
    }

    /** Collapses runs of spaces and tabs, trims lines, and drops leading/trailing blank space. */
    public static GoalKey of(String goals) {
        String t = LINE_ENDS.matcher(goals.strip()).replaceAll("\n");
        return new GoalKey(SPACES.matcher(t).replaceAll(" "));
    }
}

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

    /**
     * Collapses runs of spaces and tabs, trims lines, and drops leading/trailing blank space.
     * Text that is already normal is kept as the same String, so a node's goals and key share it.
     */
    public static GoalKey of(String goals) {
        return new GoalKey(normalise(goals));
    }

    /** The key text of {@link #of}, without the record around it (the search's hot path). */
    static String normalise(String goals) {
        if (isNormal(goals)) {
            return goals;
        }
        String t = LINE_ENDS.matcher(goals.strip()).replaceAll("\n");
        return SPACES.matcher(t).replaceAll(" ");
    }

    /** Whether the normalisation above would return the text unchanged. */
    private static boolean isNormal(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
            return false;
        }
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\r' || c == ' ' && (prev == ' ' || prev == '\n') || c == '\n' && prev == ' ') {
                return false;
            }
            prev = c;
        }
        return true;
    }
}

package dev.stepwise.prover.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The nearest of some names to a misspelt one, for a "did you mean" in an error. */
public final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate fewest single-character edits (insert, delete, replace, swap of neighbours)
     * away from {@code wrong}, if it is near enough to be a typo: at most a third of the name's
     * length, and at most 3 ({@code search.widht} is 1 from {@code search.width}, {@code nope.key}
     * near nothing).
     */
    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        int limit = Math.min(3, Math.max(1, wrong.length() / 3));
        return candidates.stream()
                .map(c -> new Scored(c, distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance))
                .map(Scored::name);
    }

    private record Scored(String name, int distance) {
    }

    /** Optimal string alignment distance: Levenshtein's edits plus the swap of two neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

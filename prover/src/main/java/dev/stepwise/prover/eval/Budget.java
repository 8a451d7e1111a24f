package dev.stepwise.prover.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search budget in the notation of the papers, {@code A×W×N}: attempts per theorem × tactics
 * sampled per expansion × expansions per attempt. {@code 8x4x100} and {@code 8×4×100} are the same.
 * Expansions {@link #UNLIMITED} (0) means only the time limit ends an attempt; it prints as ∞.
 */
public record Budget(int attempts, int width, int expansions) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*[x×*]\\s*(\\d+)\\s*[x×*]\\s*(\\d+)\\s*");

    public static final int UNLIMITED = 0;

    public Budget {
        if (attempts < 1 || width < 1 || expansions < 0) {
            throw new IllegalArgumentException("budget parts must be >= 1, got " + attempts + "×" + width + "×" + expansions);
        }
    }

    public static Budget parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("budget must look like A×W×N (attempts × tactics per expansion × expansions),"
                    + " e.g. 8x4x100; got '" + text + "'");
        }
        try {
            Budget b = new Budget(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (b.expansions() == UNLIMITED) {
                throw new IllegalArgumentException("budget parts must be >= 1, got " + text.strip());
            }
            return b;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget part too large in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return attempts + "×" + width + "×" + (expansions == UNLIMITED ? "∞" : String.valueOf(expansions));
    }
}

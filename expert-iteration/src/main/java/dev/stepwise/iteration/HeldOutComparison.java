package dev.stepwise.iteration;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The model in service and the candidate, each searched on the same held-out statements with the
 * same budget and seeds: how many each proved, and the discordant pairs a paired test looks at.
 *
 * @param heldOut statements both models were tried on
 * @param candidateOnly statements the candidate proved and the current model did not (McNemar's b)
 * @param currentOnly statements the current model proved and the candidate did not (McNemar's c)
 */
public record HeldOutComparison(int heldOut, int currentSolved, int candidateSolved, int candidateOnly, int currentOnly) {
    public HeldOutComparison {
        int both = currentSolved - currentOnly;
        if (heldOut < 1 || currentOnly < 0 || candidateOnly < 0 || both < 0 || candidateSolved - candidateOnly != both
                || both + candidateOnly + currentOnly > heldOut) {
            throw new IllegalArgumentException("inconsistent held-out comparison: " + heldOut + " held out, current " + currentSolved
                    + " (" + currentOnly + " alone), candidate " + candidateSolved + " (" + candidateOnly + " alone)");
        }
    }

    /** Pairs the statements each model proved; both sets are names among the {@code heldOut} statements. */
    public static HeldOutComparison of(int heldOut, Collection<String> currentProved, Collection<String> candidateProved) {
        Set<String> current = new HashSet<>(currentProved);
        Set<String> candidate = new HashSet<>(candidateProved);
        int candidateOnly = (int) candidate.stream().filter(p -> !current.contains(p)).count();
        int currentOnly = (int) current.stream().filter(p -> !candidate.contains(p)).count();
        return new HeldOutComparison(heldOut, current.size(), candidate.size(), candidateOnly, currentOnly);
    }

    public double currentPassRate() {
        return currentSolved / (double) heldOut;
    }

    public double candidatePassRate() {
        return candidateSolved / (double) heldOut;
    }

    /** The exact McNemar p-value of the discordant pairs (two-sided). */
    public double pValue() {
        return McNemar.pValue(candidateOnly, currentOnly);
    }
}

package dev.stepwise.iteration;

/**
 * The middle band of per-tactic perplexity to keep (BFS-Prover-V2): the lowest {@code dropLow}
 * fraction (tactics the model already finds trivial) and the highest {@code dropHigh} fraction
 * (noise) of the scored examples are dropped.
 */
public record PerplexityBand(double dropLow, double dropHigh) {
    public PerplexityBand {
        if (!(dropLow >= 0 && dropLow < 1)) {
            throw new IllegalArgumentException("iterate.perplexity-drop-low must be in [0, 1), got " + dropLow);
        }
        if (!(dropHigh >= 0 && dropHigh < 1)) {
            throw new IllegalArgumentException("iterate.perplexity-drop-high must be in [0, 1), got " + dropHigh);
        }
        if (dropLow + dropHigh >= 1) {
            throw new IllegalArgumentException("iterate.perplexity-drop-low + iterate.perplexity-drop-high must be < 1, got "
                    + (dropLow + dropHigh));
        }
    }

    public static PerplexityBand keepAll() {
        return new PerplexityBand(0, 0);
    }
}

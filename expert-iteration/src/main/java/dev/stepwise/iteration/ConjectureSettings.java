package dev.stepwise.iteration;

/**
 * How a round's conjecture stage runs (STP, docs/stp-conjecture-stage.md).
 *
 * @param perSeed conjectures asked for each seed statement ({@code iterate.conjecture-k})
 * @param maxPerRound the most conjectures one round proposes, and the most earlier unsolved ones it searches again
 * @param attempts attempts at each new conjecture, each a search of its own, so a success rate can be measured
 * @param seedRate the lowest success rate over its attempts a proved statement needs to seed conjectures
 *     (STP seeds from statements proved above its threshold + 0.1)
 * @param bandLow the lowest success rate of a kept conjecture (a proved one below it is too hard)
 * @param bandHigh the highest success rate of a kept conjecture (above it: too easy); both inclusive, and a kept
 *     conjecture is always proved at least once
 */
public record ConjectureSettings(int perSeed, int maxPerRound, int attempts, double seedRate, double bandLow, double bandHigh) {
    public ConjectureSettings {
        if (perSeed < 1 || maxPerRound < 1 || attempts < 1) {
            throw new IllegalArgumentException("conjectures per seed, per round and attempts must be >= 1, got " + perSeed + ", "
                    + maxPerRound + ", " + attempts);
        }
        if (!(seedRate >= 0 && seedRate <= 1)) {
            throw new IllegalArgumentException("iterate.conjecture-seed-rate must be in [0, 1], got " + seedRate);
        }
        if (!(bandLow >= 0 && bandLow <= bandHigh && bandHigh <= 1)) {
            throw new IllegalArgumentException("iterate.conjecture-band must be LOW,HIGH with 0 <= LOW <= HIGH <= 1, got " + bandLow
                    + "," + bandHigh);
        }
    }

    /** What the attempts say about a conjecture that elaborated and was new. */
    ConjectureVerdict judge(int proved, int tried) {
        if (proved == 0) {
            return ConjectureVerdict.UNPROVABLE;
        }
        double rate = proved / (double) tried;
        if (rate > bandHigh) {
            return ConjectureVerdict.TOO_EASY;
        }
        return rate < bandLow ? ConjectureVerdict.TOO_HARD : ConjectureVerdict.KEPT;
    }
}

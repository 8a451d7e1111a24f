package dev.stepwise.prover.sim.model;

/** Mixes three numbers into one seed, so a request's randomness depends on all of them and on nothing else. */
final class Seeds {
    private Seeds() {
    }

    static long mix(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }
}

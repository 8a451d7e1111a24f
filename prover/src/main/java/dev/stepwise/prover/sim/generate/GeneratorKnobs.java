package dev.stepwise.prover.sim.generate;

/**
 * How hard a generated world is.
 *
 * @param minDepth shortest proof, in tactics
 * @param maxDepth longest proof, and how deep side branches grow
 * @param branching tactics that make progress at each state (the width of the graph)
 * @param provable fraction of theorems that have a real proof
 * @param errorRate chance, per state and per slot (six slots), of one more wrong suggestion
 * @param nearMissRate chance, per right tactic, of a near-miss spelling among the suggestions
 * @param cheatRate chance, per state, of a cheating tactic (completes in tactic mode, fails the gate)
 * @param timeoutRate chance, per state, of a tactic that runs far past any deadline
 * @param crashRate chance, per state, of a tactic that kills the REPL
 * @param maxStates most states per theorem
 */
public record GeneratorKnobs(int minDepth, int maxDepth, int branching, double provable, double errorRate,
        double nearMissRate, double cheatRate, double timeoutRate, double crashRate, int maxStates) {

    public GeneratorKnobs {
        if (minDepth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + minDepth);
        }
        if (maxDepth < minDepth) {
            throw new IllegalArgumentException("max depth " + maxDepth + " is below min depth " + minDepth);
        }
        if (branching < 1) {
            throw new IllegalArgumentException("branching must be >= 1, got " + branching);
        }
        if (maxStates < maxDepth + 2) {
            throw new IllegalArgumentException("max states must be at least max depth + 2 = " + (maxDepth + 2));
        }
        probability("provable", provable);
        probability("error rate", errorRate);
        probability("near-miss rate", nearMissRate);
        probability("cheat rate", cheatRate);
        probability("timeout rate", timeoutRate);
        probability("crash rate", crashRate);
    }

    public static GeneratorKnobs defaults() {
        return new GeneratorKnobs(2, 5, 3, 0.6, 0.4, 0.3, 0.1, 0.02, 0.01, 24);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }
}

package dev.stepwise.prover.sim.world;

import java.util.Objects;

/**
 * A statement the simulated model proposes as a conjecture (STP's conjecture prompt) when shown
 * the theorem {@code seed} with a proof. What becomes of it follows from the world as for any
 * statement: one that is no world theorem's statement does not elaborate in the simulated REPL;
 * one whose statement is a world theorem's is searched through that theorem's graph.
 *
 * @param seed the world theorem it is proposed from
 * @param statement the declaration, ending in {@code := by} (its name is the model's; the stage renames it)
 * @param weight how often it is proposed relative to the seed's other conjectures
 */
public record WorldConjecture(String seed, String statement, double weight) {
    public WorldConjecture {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(statement, "statement");
        if (!statement.stripTrailing().endsWith(":= by")) {
            throw new IllegalArgumentException("conjecture of " + seed + " does not end in ':= by': " + statement);
        }
        if (!(weight > 0)) {
            throw new IllegalArgumentException("conjecture of " + seed + ": weight must be > 0, got " + weight);
        }
    }
}

package dev.stepwise.prover.sim.world;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One tactic known at a state: how likely the simulated model is to suggest it ({@code weight},
 * relative to the other tactics of the state; 0 = never suggested, but Lean still knows the
 * answer), what Lean does with it, the skill it exercises (see {@link Skills}; absent in a
 * world file: the one its text gives), and the thought a model that thinks first writes before it
 * (null in the file: one made from the tactic, see {@link #thoughtOrDefault}).
 */
public record SimTactic(String tactic, double weight, SimOutcome outcome, String skill,
        @JsonInclude(JsonInclude.Include.NON_NULL) String thought) {
    /** A tactic whose skill is the one its text gives. */
    public SimTactic(String tactic, double weight, SimOutcome outcome) {
        this(tactic, weight, outcome, null, null);
    }

    /** A tactic without a thought of its own. */
    public SimTactic(String tactic, double weight, SimOutcome outcome, String skill) {
        this(tactic, weight, outcome, skill, null);
    }

    /** The thought the simulated model writes before this tactic: the world's, or one naming the tactic's family. */
    public String thoughtOrDefault() {
        return thought != null ? thought : defaultThought(tactic);
    }

    /** The thought the simulated model writes before a tactic no world entry gives one for. */
    public static String defaultThought(String tactic) {
        String family = tactic.strip().split("\\s+", 2)[0];
        return "The goal looks like a job for " + family + ".";
    }

    public SimTactic {
        if (tactic == null || tactic.isBlank()) {
            throw new IllegalArgumentException("tactic text is blank");
        }
        Objects.requireNonNull(outcome, "tactic '" + tactic + "' has no outcome");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of tactic '" + tactic + "' must be a finite number >= 0, got " + weight);
        }
        if (skill == null || skill.isBlank()) {
            skill = Skills.of(tactic);
        }
        if (thought != null && thought.isBlank()) {
            throw new IllegalArgumentException("thought of tactic '" + tactic + "' is blank (leave it out for none)");
        }
    }
}

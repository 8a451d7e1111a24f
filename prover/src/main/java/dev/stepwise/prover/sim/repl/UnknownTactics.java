package dev.stepwise.prover.sim.repl;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.ErrorKind;
import java.util.Set;

/**
 * What Lean says to a tactic the world does not list at a state: an unknown tactic name does not
 * parse; a known one fails with an error that depends only on the text (so replays agree).
 */
final class UnknownTactics {
    private static final Set<String> KNOWN = Set.of("apply", "exact", "intro", "intros", "rw", "rwa", "simp", "simp_all",
            "norm_num", "linarith", "nlinarith", "positivity", "omega", "ring", "ring_nf", "field_simp", "aesop", "decide",
            "constructor", "cases", "rcases", "obtain", "induction", "have", "show", "calc", "refine", "use", "exists",
            "by_contra", "by_cases", "push_neg", "contrapose", "specialize", "unfold", "subst", "gcongr", "bound", "tauto",
            "trivial", "rfl", "norm_cast", "push_cast", "exact_mod_cast", "interval_cases", "nlinarith!", "linarith!",
            "exact?", "apply?", "simpa", "left", "right", "ext", "funext", "congr", "split", "split_ifs", "assumption",
            "contradiction", "exfalso", "set", "let", "suffices", "native_decide", "all_goals", "any_goals", "on_goal",
            "focus", "next", "case", "repeat", "first", "try", "·", "symm", "trans", "change", "conv", "zify", "qify",
            "lift", "polyrith", "abel", "group", "noncomm_ring", "module", "fin_cases", "clear", "revert");

    private UnknownTactics() {
    }

    static SimOutcome.Error outcome(String tactic, String goalText) {
        String head = tactic.strip().split("\\s+", 2)[0];
        if (!KNOWN.contains(head)) {
            return new SimOutcome.Error(ErrorKind.PARSE, "<input>:1:1: unknown tactic");
        }
        return switch (Math.floorMod(tactic.strip().hashCode(), 4)) {
            case 0 -> new SimOutcome.Error(ErrorKind.ELABORATION, "linarith failed to find a contradiction\n" + goalText + " failed");
            case 1 -> new SimOutcome.Error(ErrorKind.ELABORATION, "simp made no progress");
            case 2 -> new SimOutcome.Error(ErrorKind.ELABORATION, "unsolved goals\n" + goalText);
            default -> new SimOutcome.Error(ErrorKind.ELABORATION,
                    "omega could not prove the goal:\nNo usable constraints found for the hypotheses and goal.");
        };
    }
}

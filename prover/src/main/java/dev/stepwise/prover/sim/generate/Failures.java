package dev.stepwise.prover.sim.generate;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.ErrorKind;
import dev.stepwise.prover.sim.world.SimTactic;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Wrong tactics a step-prover model really produces, each with the error Lean gives for it: a
 * closing tactic that does not close, an unknown lemma, a hypothesis of the wrong type for
 * {@code exact}, and near-miss spellings of a right tactic (a typo in the tactic name, a
 * missing bracket, an ASCII digit for a subscript).
 */
final class Failures {

    /** A wrong tactic for the first goal {@code g} of a state. */
    SimTactic wrong(Goal g, Random rng, double weight) {
        String target = g.target();
        return switch (rng.nextInt(6)) {
            case 0 -> new SimTactic("linarith", weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                    "linarith failed to find a contradiction\ncase a\n" + hypsText(g) + "a✝ : " + negate(target) + "\n⊢ False failed"));
            case 1 -> new SimTactic("nlinarith [sq_nonneg (a - b)]", weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                    "Unknown identifier `a`"));
            case 2 -> new SimTactic("simp", weight, new SimOutcome.Error(ErrorKind.ELABORATION, "simp made no progress"));
            case 3 -> new SimTactic("omega", weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                    "omega could not prove the goal:\nNo usable constraints found for the hypotheses and goal."));
            case 4 -> exactWrong(g, rng, weight);
            default -> new SimTactic("exact?", weight, new SimOutcome.Error(ErrorKind.EXCEPTION,
                    "`exact?` could not close the goal. Try `apply?` to see partial suggestions."));
        };
    }

    /** A near-miss spelling of {@code right}, or nothing when none fits. */
    List<SimTactic> nearMisses(String right, Random rng, double weight) {
        List<SimTactic> out = new ArrayList<>();
        int space = right.indexOf(' ');
        String head = space < 0 ? right : right.substring(0, space);
        if (head.length() > 4) {
            int drop = 1 + rng.nextInt(head.length() - 2);
            String typo = head.substring(0, drop) + head.substring(drop + 1) + right.substring(head.length());
            out.add(new SimTactic(typo, weight, new SimOutcome.Error(ErrorKind.PARSE, "<input>:1:1: unknown tactic")));
        }
        int close = right.lastIndexOf(']');
        if (close > 0) {
            String unclosed = right.substring(0, close) + right.substring(close + 1);
            out.add(new SimTactic(unclosed, weight, new SimOutcome.Error(ErrorKind.PARSE,
                    "<input>:1:" + unclosed.length() + ": unexpected end of input; expected ']'")));
        }
        boolean binds = right.startsWith("have ") || right.startsWith("obtain ") || right.startsWith("intro ");
        for (char sub = '₀'; sub <= '₉' && !binds; sub++) {
            int at = right.indexOf("h" + sub);
            if (at >= 0) {
                String ascii = right.substring(0, at + 1) + (char) ('0' + (sub - '₀')) + right.substring(at + 2);
                out.add(new SimTactic(ascii, weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                        "Unknown identifier `h" + (char) ('0' + (sub - '₀')) + "`")));
                break;
            }
        }
        return out.isEmpty() ? out : List.of(out.get(rng.nextInt(out.size())));
    }

    private SimTactic exactWrong(Goal g, Random rng, double weight) {
        for (Hypothesis h : g.hypotheses()) {
            if (h.isProp() && !h.type().equals(g.target())) {
                String name = h.names().get(0);
                return new SimTactic("exact " + name, weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                        "Type mismatch\n  " + name + "\nhas type\n  " + h.type() + " : Prop\nbut is expected to have type\n  "
                                + g.target() + " : Prop"));
            }
        }
        String lemma = List.of("Nat.le_of_lt_succ", "mul_pos", "sq_nonneg", "add_pos").get(rng.nextInt(4));
        return new SimTactic("exact " + lemma + " _", weight, new SimOutcome.Error(ErrorKind.ELABORATION,
                "Type mismatch\n  " + lemma + " ?m.42\nhas type\n  ?m.41 : Prop\nbut is expected to have type\n  "
                        + g.target() + " : Prop"));
    }

    private static String hypsText(Goal g) {
        String r = g.withTag("").render();
        int turnstile = r.lastIndexOf("⊢ ");
        return r.substring(0, turnstile);
    }

    private static String negate(String target) {
        int lt = Moves.topLevel(target, " < ");
        if (lt > 0) {
            return target.substring(0, lt) + " ≥ " + target.substring(lt + 3);
        }
        int le = Moves.topLevel(target, " ≤ ");
        if (le > 0) {
            return target.substring(0, le) + " > " + target.substring(le + 3);
        }
        int eq = Moves.topLevel(target, " = ");
        if (eq > 0) {
            return target.substring(0, eq) + " < " + target.substring(eq + 3);
        }
        return "¬(" + target + ")";
    }
}

package dev.stepwise.prover.sim.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tactics the generator knows how to act out on a goal, each with the goal text Lean would
 * plausibly print after it: {@code have}, {@code intro}, {@code constructor}, {@code obtain},
 * {@code rw [← sub_nonneg]}-style rewrites, and closing tactics.
 */
final class Moves {
    private static final List<String> NUMBER_TYPES = List.of("ℝ", "ℕ", "ℤ", "ℚ", "ℂ");
    private static final List<String> CLOSERS = List.of("nlinarith [sq_nonneg (%s - 1), sq_nonneg (%s + 1)]",
            "linarith", "norm_num", "omega", "positivity", "simp_all", "nlinarith [sq_nonneg %s]", "field_simp",
            "norm_num [%s]", "linarith [%s]", "decide", "ring");

    /** Tactics that change the first goal and leave one or two goals. */
    List<Step> progress(Goal g, Random rng) {
        List<Step> steps = new ArrayList<>();
        String var = variable(g, rng);
        String fresh = freshHyp(g);
        if (var != null) {
            String fact = switch (rng.nextInt(4)) {
                case 0 -> "0 ≤ (" + var + " - 1) ^ 2";
                case 1 -> "0 ≤ " + var + " ^ 2";
                case 2 -> var + " ^ 2 ≥ 0";
                default -> "0 ≤ (" + var + " + 1) ^ 2";
            };
            String by = rng.nextBoolean() ? "positivity" : "nlinarith [sq_nonneg " + var + "]";
            steps.add(new Step("have " + fresh + " : " + fact + " := by " + by, List.of(g.plus(new Hypothesis(fresh, fact)))));
        } else {
            String fact = "(0 : ℕ) < " + (2 + rng.nextInt(7));
            steps.add(new Step("have " + fresh + " : " + fact + " := by norm_num", List.of(g.plus(new Hypothesis(fresh, fact)))));
        }
        String t = g.target();
        if (t.startsWith("∀ ") && t.contains(",")) {
            steps.addAll(introForall(g));
        } else if (topLevel(t, " → ") > 0) {
            int at = topLevel(t, " → ");
            String name = freshHyp(g);
            steps.add(new Step("intro " + name, List.of(new Goal(g.caseTag(),
                    plus(g.hypotheses(), new Hypothesis(name, t.substring(0, at))), t.substring(at + 3)))));
        }
        int and = topLevel(t, " ∧ ");
        if (and > 0) {
            steps.add(new Step("constructor", List.of(
                    g.withTarget(t.substring(0, and)).withTag("left"), g.withTarget(t.substring(and + 3)).withTag("right"))));
        }
        int iff = topLevel(t, " ↔ ");
        if (iff > 0) {
            String a = t.substring(0, iff);
            String b = t.substring(iff + 3);
            steps.add(new Step("constructor", List.of(
                    g.withTarget(a + " → " + b).withTag("mp"), g.withTarget(b + " → " + a).withTag("mpr"))));
        }
        for (Hypothesis h : g.hypotheses()) {
            int conj = topLevel(h.type(), " ∧ ");
            if (h.names().size() == 1 && conj > 0) {
                String n = h.names().get(0);
                steps.add(new Step("obtain ⟨" + n + "l, " + n + "r⟩ := " + n, List.of(g.replacing(h, List.of(
                        new Hypothesis(n + "l", h.type().substring(0, conj)),
                        new Hypothesis(n + "r", h.type().substring(conj + 3)))))));
                break;
            }
        }
        steps.addAll(rewrites(g));
        return steps;
    }

    /** A tactic that closes the first goal. */
    Step closer(Goal g, Random rng) {
        String var = variable(g, rng);
        String hyp = propHyp(g, rng);
        String pattern = CLOSERS.get(rng.nextInt(CLOSERS.size()));
        String arg = pattern.contains("[%s]") ? (hyp == null ? "mul_comm" : hyp) : (var == null ? "2" : var);
        return new Step(pattern.replace("%s", arg), List.of());
    }

    private List<Step> introForall(Goal g) {
        String t = g.target();
        int comma = t.indexOf(',');
        String binder = t.substring(2, comma).strip();
        String body = t.substring(comma + 1).strip();
        String names;
        String type;
        int colon = binder.indexOf(" : ");
        if (binder.startsWith("(") && binder.endsWith(")") && colon > 0) {
            names = binder.substring(1, colon);
            type = binder.substring(colon + 3, binder.length() - 1);
        } else if (colon > 0) {
            names = binder.substring(0, colon);
            type = binder.substring(colon + 3);
        } else {
            return List.of();
        }
        List<Hypothesis> hs = new ArrayList<>(g.hypotheses());
        for (String n : names.strip().split(" ")) {
            hs.add(new Hypothesis(n, type));
        }
        return List.of(new Step("intro " + names.strip(), List.of(new Goal(g.caseTag(), hs, body))));
    }

    private static List<Step> rewrites(Goal g) {
        String t = g.target();
        List<Step> steps = new ArrayList<>();
        int le = topLevel(t, " ≤ ");
        int lt = topLevel(t, " < ");
        int eq = topLevel(t, " = ");
        if (le > 0 && !t.startsWith("0 ≤")) {
            steps.add(new Step("rw [← sub_nonneg]", List.of(g.withTarget("0 ≤ " + t.substring(le + 3) + " - " + paren(t.substring(0, le))))));
        } else if (lt > 0 && !t.startsWith("0 <")) {
            steps.add(new Step("rw [← sub_pos]", List.of(g.withTarget("0 < " + t.substring(lt + 3) + " - " + paren(t.substring(0, lt))))));
        } else if (eq > 0 && !t.endsWith("= 0")) {
            steps.add(new Step("rw [← sub_eq_zero]", List.of(g.withTarget(t.substring(0, eq) + " - " + paren(t.substring(eq + 3)) + " = 0"))));
        }
        if (t.contains(" * ")) {
            int star = t.indexOf(" * ");
            int start = tokenStart(t, star);
            int end = tokenEnd(t, star + 3);
            if (start < star && end > star + 3) {
                String swapped = t.substring(0, start) + t.substring(star + 3, end) + " * " + t.substring(start, star) + t.substring(end);
                if (!swapped.equals(t)) {
                    steps.add(new Step("rw [mul_comm]", List.of(g.withTarget(swapped))));
                }
            }
        }
        return steps;
    }

    private static String paren(String e) {
        return e.matches("[\\w₀-₉'.]+") ? e : "(" + e + ")";
    }

    private static int tokenStart(String t, int before) {
        int i = before;
        while (i > 0 && (Character.isLetterOrDigit(t.charAt(i - 1)) || "₀₁₂₃₄₅₆₇₈₉'_.".indexOf(t.charAt(i - 1)) >= 0)) {
            i--;
        }
        return i;
    }

    private static int tokenEnd(String t, int from) {
        int i = from;
        while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || "₀₁₂₃₄₅₆₇₈₉'_.".indexOf(t.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    /** The index of {@code op} outside any brackets, or -1. */
    static int topLevel(String t, String op) {
        int depth = 0;
        for (int i = 0; i + op.length() <= t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '⟨') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '⟩') {
                depth--;
            } else if (depth == 0 && t.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    String variable(Goal g, Random rng) {
        List<String> vars = new ArrayList<>();
        for (Hypothesis h : g.hypotheses()) {
            if (NUMBER_TYPES.contains(h.type())) {
                vars.addAll(h.names());
            }
        }
        return vars.isEmpty() ? null : vars.get(rng.nextInt(vars.size()));
    }

    String propHyp(Goal g, Random rng) {
        List<String> props = new ArrayList<>();
        for (Hypothesis h : g.hypotheses()) {
            if (h.isProp() && !NUMBER_TYPES.contains(h.type())) {
                props.addAll(h.names());
            }
        }
        return props.isEmpty() ? null : props.get(rng.nextInt(props.size()));
    }

    private static String freshHyp(Goal g) {
        for (int i = 0; ; i++) {
            String name = i < 10 ? "h" + StatementParser.subscript(i) : "h" + i;
            if (!g.binds(name)) {
                return name;
            }
        }
    }

    private static List<Hypothesis> plus(List<Hypothesis> hs, Hypothesis h) {
        List<Hypothesis> out = new ArrayList<>(hs);
        out.add(h);
        return out;
    }
}

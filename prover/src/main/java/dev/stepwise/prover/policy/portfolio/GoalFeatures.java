package dev.stepwise.prover.policy.portfolio;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a glance at the first goal shows: its shape (inequality, equation, implication, …), the
 * number types involved, and the names of the variables, read from Lean's pretty-printed text.
 */
record GoalFeatures(Set<Feature> features, List<String> variables, String binder) {

    enum Feature {
        INEQUALITY, EQUATION, NOT_EQUAL, IMPLICATION, FORALL, EXISTS, CONJUNCTION, IFF, NEGATION,
        NATURAL_OR_INTEGER, REAL_OR_RATIONAL, DIVISION, POWER, NONLINEAR_PRODUCT, DIVISIBILITY_OR_MOD,
        BIG_OPERATOR, CLOSED_NUMERAL, TRUE, HAS_HYPOTHESES
    }

    private static final Pattern HYP_NAMES = Pattern.compile("^([^:⊢]+?) : (.+)$");
    // Lean identifiers: letters of any script, digits, subscripts, primes.
    private static final Pattern IDENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'₀-₉]*");
    private static final Pattern VAR_PRODUCT = Pattern.compile("[A-Za-z_)][A-Za-z0-9_']*\\)? \\* \\(?[A-Za-z_]");
    private static final Pattern FORALL_BINDER = Pattern.compile("^∀\\s*\\(?([\\p{L}_][\\p{L}\\p{N}_'₀-₉]*)");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z_α-ωΑ-Ω]");

    GoalFeatures {
        features = Set.copyOf(features);
        variables = List.copyOf(variables);
    }

    boolean has(Feature f) {
        return features.contains(f);
    }

    static GoalFeatures of(String state) {
        String goal = state.split("\n\n", 2)[0];
        String[] lines = goal.split("\n");
        StringBuilder target = new StringBuilder();
        List<String> vars = new ArrayList<>();
        Set<Feature> f = EnumSet.noneOf(Feature.class);
        boolean inTarget = false;
        StringBuilder hypTypes = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("⊢")) {
                inTarget = true;
                target.append(line.substring(1).strip());
                continue;
            }
            if (inTarget) {
                target.append(' ').append(line.strip());
                continue;
            }
            Matcher m = HYP_NAMES.matcher(line);
            if (m.matches()) {
                String type = m.group(2).strip();
                hypTypes.append(type).append('\n');
                boolean isTerm = type.equals("ℝ") || type.equals("ℕ") || type.equals("ℤ") || type.equals("ℚ") || type.equals("ℂ");
                if (isTerm) {
                    for (String name : m.group(1).strip().split("\\s+")) {
                        if (IDENT.matcher(name).matches()) {
                            vars.add(name);
                        }
                    }
                } else {
                    f.add(Feature.HAS_HYPOTHESES);
                }
            }
        }
        String t = target.toString();
        String all = t + "\n" + hypTypes;
        // Arrows of functions and matches are not comparisons.
        String cmp = t.replace("=>", " ").replace("->", " ");
        if (t.equals("True")) {
            f.add(Feature.TRUE);
        }
        if (t.startsWith("∀")) {
            f.add(Feature.FORALL);
        }
        if (t.startsWith("∃")) {
            f.add(Feature.EXISTS);
        }
        if (t.startsWith("¬")) {
            f.add(Feature.NEGATION);
        }
        if (topLevel(t, "→")) {
            f.add(Feature.IMPLICATION);
        }
        if (topLevel(t, "∧")) {
            f.add(Feature.CONJUNCTION);
        }
        if (topLevel(t, "↔")) {
            f.add(Feature.IFF);
        }
        if (cmp.contains("≤") || cmp.contains("≥") || cmp.contains("<") || cmp.contains(">")) {
            f.add(Feature.INEQUALITY);
        }
        if (cmp.contains("≠")) {
            f.add(Feature.NOT_EQUAL);
        }
        if (cmp.replace(":=", " ").contains("=")) {
            f.add(Feature.EQUATION);
        }
        if (all.contains("ℕ") || all.contains("ℤ")) {
            f.add(Feature.NATURAL_OR_INTEGER);
        }
        if (all.contains("ℝ") || all.contains("ℚ")) {
            f.add(Feature.REAL_OR_RATIONAL);
        }
        if (t.contains("/")) {
            f.add(Feature.DIVISION);
        }
        if (t.contains("^")) {
            f.add(Feature.POWER);
        }
        if (VAR_PRODUCT.matcher(t).find()) {
            f.add(Feature.NONLINEAR_PRODUCT);
        }
        if (t.contains("%") || t.contains("∣")) {
            f.add(Feature.DIVISIBILITY_OR_MOD);
        }
        if (t.contains("∑") || t.contains("∏") || t.contains("Finset")) {
            f.add(Feature.BIG_OPERATOR);
        }
        if (!t.isEmpty() && !LETTERS.matcher(t).find()) {
            f.add(Feature.CLOSED_NUMERAL);
        }
        Matcher b = FORALL_BINDER.matcher(t);
        String binder = b.find() ? b.group(1) : "";
        return new GoalFeatures(f, vars, binder);
    }

    /** Whether {@code op} occurs outside every bracket of {@code text}. */
    private static boolean topLevel(String text, String op) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '⟨') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '⟩') {
                depth--;
            } else if (depth == 0 && text.startsWith(op, i)) {
                return true;
            }
        }
        return false;
    }
}

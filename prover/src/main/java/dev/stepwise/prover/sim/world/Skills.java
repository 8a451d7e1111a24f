package dev.stepwise.prover.sim.world;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The skill a tactic exercises, read from its text: the tactic family (its first word) and, when
 * it names one, the lemma it uses ({@code rw [← sub_nonneg]} is {@code rw:sub_nonneg},
 * {@code nlinarith [sq_nonneg (x - 1)]} is {@code nlinarith:sq_nonneg}, a hypothesis given as a
 * hint is {@code hyp}); a {@code have} is a decomposition move named with the tactic that proves
 * it ({@code have:positivity}). Skills recur across theorems, which is what lets the simulated
 * trainer's learning transfer (docs/world-format.md, "The model of learning"). The same text
 * always has the same skill: the generator writes it, and a world file without one gets it from here.
 */
public final class Skills {
    private static final Pattern FIRST_WORD = Pattern.compile("^[^\\s\\[(⟨]+");
    private static final Pattern HINT = Pattern.compile("\\[\\s*(?:←\\s*)?([^\\s,\\]()]+)");
    private static final Pattern HYPOTHESIS = Pattern.compile("h[₀-₉0-9]*[lr']*|this");
    private static final Pattern HAVE_BY = Pattern.compile(":= by\\s+(.*)$");

    private Skills() {
    }

    public static String of(String tactic) {
        String t = TacticText.normalize(tactic);
        Matcher first = FIRST_WORD.matcher(t);
        String family = first.find() ? first.group() : t;
        if (family.equals("have")) {
            Matcher by = HAVE_BY.matcher(t);
            return by.find() ? "have:" + family(by.group(1)) : "have";
        }
        int bracket = t.indexOf('[');
        if (bracket < 0) {
            return family;
        }
        Matcher hint = HINT.matcher(t.substring(bracket));
        if (!hint.find()) {
            return family;
        }
        String lemma = hint.group(1);
        return family + ":" + (HYPOTHESIS.matcher(lemma).matches() ? "hyp" : lemma);
    }

    private static String family(String tactic) {
        Matcher first = FIRST_WORD.matcher(tactic.strip());
        return first.find() ? first.group() : tactic.strip();
    }
}

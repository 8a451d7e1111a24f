package dev.stepwise.prover.sim.world;

import java.util.regex.Pattern;

/** Tactic identity in a world: the text with runs of whitespace collapsed and the ends trimmed. */
public final class TacticText {
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TacticText() {
    }

    public static String normalize(String tactic) {
        return SPACE.matcher(tactic.strip()).replaceAll(" ");
    }
}

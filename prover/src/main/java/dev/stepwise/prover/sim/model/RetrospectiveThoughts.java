package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.TacticText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated model as the general model of a round's thoughts stage: asked for the thought
 * behind a proof step (Stepwise's retrospective-thought prompt, which ends {@code Thought:} and a
 * newline and shows the tactic between {@code Tactic:\n---\n} and {@code \n---}), it answers the
 * world's thought for that tactic at that state, or the default one when the world gives none.
 */
final class RetrospectiveThoughts {
    static final String PROMPT_END = "Thought:\n";
    private static final String TACTIC_START = "Tactic:\n---\n";
    private static final String TACTIC_END = "\n---";
    /** What each token of a thought costs. */
    private static final double TOKEN_LOGPROB = -0.7;

    private final StateLocator locator;

    RetrospectiveThoughts(StateLocator locator) {
        this.locator = locator;
    }

    static boolean asked(String prompt) {
        return prompt.endsWith(PROMPT_END) && prompt.contains(TACTIC_START);
    }

    /** The reply to a retrospective prompt, cut by {@code max_tokens} and stop strings as a sampled one is. */
    Sampler.Draw answer(String prompt, int maxTokens, List<String> stop) {
        return draw(thought(prompt), maxTokens, stop);
    }

    String thought(String prompt) {
        int from = prompt.lastIndexOf(TACTIC_START) + TACTIC_START.length();
        int to = prompt.indexOf(TACTIC_END, from);
        String tactic = (to < 0 ? prompt.substring(from) : prompt.substring(from, to)).strip();
        var located = locator.locate(prompt);
        if (located.isPresent()) {
            String key = TacticText.normalize(tactic);
            for (SimTactic t : located.get().state().tactics()) {
                if (TacticText.normalize(t.tactic()).equals(key)) {
                    return t.thoughtOrDefault();
                }
            }
        }
        return SimTactic.defaultThought(tactic.isEmpty() ? "it" : tactic);
    }

    static Sampler.Draw draw(String text, int maxTokens, List<String> stop) {
        String cut = text;
        String stopReason = null;
        for (String s : stop) {
            int at = s.isEmpty() ? -1 : cut.indexOf(s);
            if (at >= 0) {
                cut = cut.substring(0, at);
                stopReason = s;
            }
        }
        List<String> tokens = Tokens.split(cut);
        String finish = "stop";
        if (tokens.size() > maxTokens) {
            tokens = tokens.subList(0, maxTokens);
            finish = "length";
            stopReason = null;
        }
        List<Double> lps = new ArrayList<>();
        List<Map<String, Double>> alts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            lps.add(TOKEN_LOGPROB);
            alts.add(Map.of());
        }
        return new Sampler.Draw(String.join("", tokens), List.copyOf(tokens), lps, alts, finish, stopReason);
    }
}

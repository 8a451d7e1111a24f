package dev.stepwise.prover.policy.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * A pretty-printed state split into goals, and each goal into its case line, hypotheses and
 * target, so a long state can be cut by structure instead of at an arbitrary character.
 * Printing an unchanged parse gives back the original text.
 */
record GoalText(List<Goal> goals) {
    static final String TURNSTILE = "⊢";

    GoalText {
        goals = List.copyOf(goals);
    }

    /** {@code caseLine} is "" when absent; a hypothesis keeps its indented continuation lines. */
    record Goal(String caseLine, List<String> hypotheses, String target) {
        Goal {
            hypotheses = List.copyOf(hypotheses);
        }

        String print() {
            List<String> parts = new ArrayList<>();
            if (!caseLine.isEmpty()) {
                parts.add(caseLine);
            }
            parts.addAll(hypotheses);
            parts.add(target);
            return String.join("\n", parts);
        }

        Goal dropHypotheses(int n) {
            return new Goal(caseLine, hypotheses.subList(n, hypotheses.size()), target);
        }
    }

    static GoalText parse(String state) {
        List<Goal> goals = new ArrayList<>();
        for (String block : state.split("\n\n", -1)) {
            goals.add(parseGoal(block));
        }
        return new GoalText(goals);
    }

    private static Goal parseGoal(String block) {
        String[] lines = block.split("\n", -1);
        int targetAt = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(TURNSTILE)) {
                targetAt = i;
                break;
            }
        }
        if (targetAt < 0) {
            // Not a goal as Lean prints one: keep it whole, it cannot be cut by structure.
            return new Goal("", List.of(), block);
        }
        int first = 0;
        String caseLine = "";
        if (targetAt > 0 && lines[0].startsWith("case ")) {
            caseLine = lines[0];
            first = 1;
        }
        List<String> hyps = new ArrayList<>();
        for (int i = first; i < targetAt; i++) {
            boolean continuation = !lines[i].isEmpty() && Character.isWhitespace(lines[i].charAt(0));
            if (continuation && !hyps.isEmpty()) {
                hyps.set(hyps.size() - 1, hyps.get(hyps.size() - 1) + "\n" + lines[i]);
            } else {
                hyps.add(lines[i]);
            }
        }
        String target = String.join("\n", java.util.Arrays.asList(lines).subList(targetAt, lines.length));
        return new Goal(caseLine, hyps, target);
    }

    String print() {
        return String.join("\n\n", goals.stream().map(Goal::print).toList());
    }

    GoalText firstGoals(int n) {
        return new GoalText(goals.subList(0, n));
    }
}
